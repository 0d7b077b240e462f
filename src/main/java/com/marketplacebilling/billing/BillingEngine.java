package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The billing core: one subscription's history in, the lines and exceptions this run adds out.
 *
 * <p>Like Kill Bill's invoice generator it computes everything that should have been billed by the end of
 * the business date, from the facts known then, and subtracts what is already billed (by stable LineId). So
 * catch-up after skipped dates, reruns after a crash and late facts need no special path: a line is billed
 * once, on the first run that finds it due, with its true service dates. Billed lines are final (R17).
 *
 * <p>Each rule family proposes its own items from the facts ({@link FeedVerdicts}, {@link PendingActivation},
 * {@link Cancellation}, {@link ScheduledCharges}, {@link ChangePairs}, {@link SuspensionGrace},
 * {@link FeedReconciliation}); this class only composes them, and {@link BilledLines} subtracts what is billed.
 */
public final class BillingEngine {

    public BillingResult bill(SubscriptionHistory history, RunContext ctx) {
        SubscriptionFacts facts = SubscriptionFacts.of(history, ctx);
        List<ProposedItem> proposed = new ArrayList<>(FeedVerdicts.propose(facts));
        if (facts.commerce().isEmpty()) return BilledLines.subtract(facts, proposed); // R17: unknown subscription
        LocalDate end = null;
        if (!facts.billable()) {
            proposed.addAll(PendingActivation.propose(facts));
        } else {
            Cancellation cancellation = Cancellation.of(facts);
            end = cancellation.end();
            if (!cancellation.beforeStart()) {
                proposed.addAll(cancellation.propose(facts));
                List<CommerceVersion> changes = ChangePairs.changes(facts, cancellation);
                TermPrices prices = new TermPrices(facts, changes);
                ScheduledCharges.Plan plan = ScheduledCharges.plan(facts, end);
                end = plan.end();
                List<ProposedItem> life = inServiceOrder(ScheduledCharges.propose(facts, plan, prices),
                        ChangePairs.propose(facts, plan, prices, changes));
                proposed.addAll(life);
                proposed.addAll(cancellation.reversals(facts, lines(life)));
            }
        }
        proposed.addAll(SuspensionGrace.propose(facts));
        proposed.addAll(FeedReconciliation.propose(facts, end));
        return BilledLines.subtract(facts, proposed);
    }

    /**
     * Scheduled lines and change pairs by their first service day, scheduled first on a day (a change on a cycle's
     * first day adjusts that cycle's charge), as a walk through the subscription's days meets them.
     */
    private static List<ProposedItem> inServiceOrder(List<ProposedItem> scheduled, List<ProposedItem> changes) {
        List<ProposedItem> out = new ArrayList<>(scheduled.size() + changes.size());
        int s = 0;
        for (ProposedItem c : changes) {
            if (c instanceof ProposedItem.Line change) {
                while (s < scheduled.size() && !(scheduled.get(s) instanceof ProposedItem.Line due
                        && due.line().chargeStartDate().isAfter(change.line().chargeStartDate()))) {
                    out.add(scheduled.get(s++));
                }
            }
            out.add(c);
        }
        out.addAll(scheduled.subList(s, scheduled.size()));
        return out;
    }

    private static List<InvoiceLine> lines(List<ProposedItem> items) {
        List<InvoiceLine> lines = new ArrayList<>(items.size());
        for (ProposedItem i : items) {
            if (i instanceof ProposedItem.Line l) lines.add(l.line());
        }
        return lines;
    }
}
