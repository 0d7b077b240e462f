package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** R7, R8, R9: a credit-and-charge pair for each seat or plan change after S; a price change alone is only raised. */
final class ChangePairs {
    private ChangePairs() {}

    /** The versions effective after S, in effect order; none from an in-window cancellation on (R10). */
    static List<CommerceVersion> changes(SubscriptionFacts f, Cancellation cancellation) {
        CommerceVersion cut = cancellation.inWindow() ? cancellation.version() : null;
        List<CommerceVersion> changes = new ArrayList<>();
        for (CommerceVersion v : f.commerce().applied()) {
            if (cut != null && !v.updatedAt().isBefore(cut.updatedAt())) break;
            if (dateOf(v.updatedAt()).isAfter(f.billingStart()) && v != f.established()) changes.add(v);
        }
        return changes;
    }

    /** The pairs and R9 findings of the changes due by the business date and before the end of the plan. */
    static List<ProposedItem> propose(SubscriptionFacts f, ScheduledCharges.Plan plan, TermPrices prices,
                                      List<CommerceVersion> changes) {
        List<ProposedItem> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        LocalDate end = plan.end();
        for (int i = 0; i < changes.size(); i++) {
            CommerceVersion v = changes.get(i);
            LocalDate day = dateOf(v.updatedAt());
            if (day.isAfter(f.today()) || (end != null && day.isAfter(end))) {
                if (end == null || !day.isAfter(end)) out.add(new ProposedItem.ReviewOn(day)); // the next change
                break;
            }
            CommerceVersion old = f.commerce().previous(v);
            BigDecimal termPrice = prices.atChange(i);
            ChargeCycle cycle = f.schedule().cycleOn(day);
            // a pair adjusts a charged cycle only: a cycle skipped while suspended has nothing to credit
            boolean adjustable = plan.charged(cycle.index(), day);
            if (!old.planId().equals(v.planId())) {
                if (adjustable) {
                    String change = changeKey(seen, day, "plan " + old.planId() + ">" + v.planId()
                            + " q" + old.quantity() + ">" + v.quantity());
                    out.addAll(pair(f, new Pair(LineExplanation.Rule.R8_PLAN_CHANGE, ChargeType.CONVERT, cycle, day, v,
                            change, new Side(old.planId(), termPrice, old.quantity()),
                            new Side(v.planId(), v.unitPrice(), v.quantity()))));
                }
                continue; // R8: the new plan's price holds for the rest of the term (TermPrices)
            }
            if (old.quantity() != v.quantity() && adjustable) {
                ChargeType type = v.quantity() > old.quantity() ? ChargeType.ADD_QUANTITY : ChargeType.REMOVE_QUANTITY;
                String change = changeKey(seen, day, "q" + old.quantity() + ">" + v.quantity());
                out.addAll(pair(f, new Pair(LineExplanation.Rule.R7_SEAT_CHANGE, type, cycle, day, v, change,
                        new Side(old.planId(), termPrice, old.quantity()), new Side(v.planId(), termPrice, v.quantity()))));
            }
            if (old.unitPrice().compareTo(v.unitPrice()) != 0) {
                out.add(new ProposedItem.Raised(Finding.of(ExceptionCode.PRICE_CHANGED_MID_TERM,
                                ExceptionIds.ofSubscription(ExceptionCode.PRICE_CHANGED_MID_TERM, f.subscriptionId(),
                                        v.contentKey()),
                                "R9: unit price changed within the term without a plan change; the term keeps "
                                        + termPrice.toPlainString() + " and the new price applies from the next renewal")
                        .at(v.source()).values(termPrice.toPlainString(), v.unitPrice().toPlainString())));
            }
        }
        return out;
    }

    /**
     * A pair is identified by what changed on which day (and, for the same change repeated that day, its
     * ordinal), not by the commerce row that carried it: so when two versions of one day arrive on
     * different nights in the wrong order, the change already billed is recognised and not billed again.
     */
    private static String changeKey(Map<String, Integer> seen, LocalDate day, String change) {
        String key = day + " " + change;
        int ordinal = seen.merge(key, 1, Integer::sum);
        return key + " #" + ordinal;
    }

    /** One side of a pair: plan, unit price and quantity. */
    record Side(String planId, BigDecimal unitPrice, int quantity) {}

    /** A change on {@code day} carried by version {@code v}: what it was and what it is. */
    record Pair(LineExplanation.Rule rule, ChargeType type, ChargeCycle cycle, LocalDate day, CommerceVersion v,
                String change, Side old, Side now) {}

    /** R7/R8: a credit of the old and a charge of the new, both for {@code day}..cycle end, one ReferenceId. */
    private static List<ProposedItem> pair(SubscriptionFacts f, Pair p) {
        LineFactory lines = new LineFactory(f);
        int remaining = p.cycle().daysFrom(p.day());
        Money.Amount credit = Money.prorate(p.old().unitPrice(), remaining, p.cycle().days(), p.old().quantity(),
                p.v().currency(), f.rounding()).negate();
        Money.Amount charge = Money.prorate(p.now().unitPrice(), remaining, p.cycle().days(), p.now().quantity(),
                p.v().currency(), f.rounding());
        CommerceVersion desc = f.commerce().stateAtEndOf(p.day());
        String source = "change:" + p.change();
        String reference = LineIds.reference(f.subscriptionId(), p.change());
        LineExplanation.Change what = new LineExplanation.Change(p.old().planId(), p.now().planId(),
                p.old().quantity(), p.now().quantity());
        LineFactory.Grounds why = new LineFactory.Grounds(p.rule(), what, p.v(), List.of(), "", p.day());
        List<ProposedItem> out = new ArrayList<>(2);
        // the credit first, as the pair is read: the old taken back, the new charged
        for (LineExplanation.Direction direction : new LineExplanation.Direction[] {
                LineExplanation.Direction.CREDIT, LineExplanation.Direction.CHARGE}) {
            boolean isCredit = direction == LineExplanation.Direction.CREDIT;
            Side side = isCredit ? p.old() : p.now();
            String lineId = LineIds.of(f.subscriptionId(), p.type(), p.day(), p.cycle().end(), direction, source);
            InvoiceLine line = lines.line(lineId, p.type(), p.day(), p.cycle().end(), desc, desc.offerId(), side.planId())
                    .amount(side.unitPrice(), isCredit ? credit : charge, side.quantity()).referenceId(reference).build();
            out.add(new ProposedItem.Line(line, () -> lines.explanation(lineId, direction, side.unitPrice(),
                    side.quantity(), p.cycle(), p.day(), f.rounding(), why)));
        }
        return out;
    }
}
