package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;
import static com.marketplacebilling.billing.Instants.startOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** R3–R6, R11, R13: the scheduled lines (new, cycleCharge, renew, a reinstated cycle) due by the business date. */
final class ScheduledCharges {
    private ScheduledCharges() {}

    /**
     * One scheduled line: its type and rule, its cycle and first day, the state it bills, the events it stands on,
     * and what it is due for in its LineId ("cycle:j", or "reinstate:event" for R13).
     */
    record Due(ChargeType type, LineExplanation.Rule rule, ChargeCycle cycle, LocalDate from, CommerceVersion state,
               List<FulfillmentEvent> events, String source) {
        Due(ChargeType type, LineExplanation.Rule rule, ChargeCycle cycle, CommerceVersion state) {
            this(type, rule, cycle, cycle.start(), state, List.of(), "cycle:" + cycle.index());
        }
    }

    /**
     * The cycles from S up to the business date, each charged, renewed, skipped while suspended (and charged from
     * its reinstatement) or ending the subscription at a renewal; {@code end} is the last billable day when known
     * (null: not yet), {@code nextDue} the next day a cycle or reinstatement falls due (null: none before the end).
     */
    record Plan(List<Due> charges, LocalDate end, LocalDate nextDue) {

        /** True when cycle {@code index} is charged by day {@code day}: a change pair adjusts such a cycle only. */
        boolean charged(int index, LocalDate day) {
            for (Due d : charges) {
                if (d.cycle().index() == index && !d.from().isAfter(day)) return true;
            }
            return false;
        }
    }

    /** @param end the last billable day an R10 cancellation decided, or null */
    static Plan plan(SubscriptionFacts f, LocalDate end) {
        CommerceTimeline commerce = f.commerce();
        FulfillmentLog fulfillment = f.fulfillment();
        ChargeSchedule schedule = f.schedule();
        LocalDate today = f.today();
        List<Due> charges = new ArrayList<>();
        charges.add(new Due(ChargeType.NEW, LineExplanation.Rule.R4_NEW, schedule.cycle(0), f.billingStart(),
                commerce.stateAtEndOf(f.billingStart()), fulfillment.billingStartEvents(), "cycle:0"));
        ChargeCycle skipped = null;
        FulfillmentEvent reinstate = null;
        for (int j = 1; ; ) {
            ChargeCycle cycle = schedule.cycle(j);
            LocalDate reinstateDay = reinstate == null ? null : dateOf(reinstate.occurredAt());
            LocalDate next = reinstateDay != null && reinstateDay.isBefore(cycle.start()) ? reinstateDay : cycle.start();
            if (next.isAfter(today) || (end != null && next.isAfter(end))) {
                return new Plan(charges, end, end == null || !next.isAfter(end) ? next : null);
            }
            if (next.equals(reinstateDay)) { // R13: charged from the reinstatement to the end of the skipped cycle
                charges.add(new Due(ChargeType.CYCLE_CHARGE, LineExplanation.Rule.R13_REINSTATED_CYCLE, skipped,
                        reinstateDay, commerce.stateAtStartOf(reinstateDay), List.of(reinstate),
                        "reinstate:" + reinstate.eventId()));
                reinstate = null;
                continue;
            }
            boolean billedAlready = alreadyBilled(f, cycle);
            if (schedule.startsTerm(j)) {
                CommerceVersion st = commerce.stateAtStartOf(cycle.start());
                CommerceVersion cancel = commerce.cancellation();
                boolean cancelled = cancel != null && cancel.updatedAt().isBefore(startOf(cycle.start()));
                if (!billedAlready && (cancelled || !st.autoRenew() || fulfillment.suspendedAtStartOf(cycle.start()))) {
                    return new Plan(charges, cycle.start().minusDays(1), null); // R11, R13: ends with the term
                }
                charges.add(new Due(ChargeType.RENEW, LineExplanation.Rule.R6_RENEW, cycle, st));
            } else if (!billedAlready && fulfillment.suspendedAtStartOf(cycle.start())) {
                reinstate = fulfillment.firstReinstateBetween(cycle.start(), cycle.end()); // R13: skipped
                skipped = cycle;
            } else {
                charges.add(new Due(ChargeType.CYCLE_CHARGE, LineExplanation.Rule.R5_CYCLE_CHARGE, cycle,
                        commerce.stateAtStartOf(cycle.start())));
            }
            j++;
        }
    }

    /**
     * R17: true when the scheduled line of the cycle is already billed. Its decision (renewed, charged rather than
     * skipped) is then final: a late Suspend, auto-renew switch or the like changes only what is billed from now
     * on, so the cycle still counts as charged (change pairs adjust it, a reinstatement does not charge it twice).
     */
    private static boolean alreadyBilled(SubscriptionFacts f, ChargeCycle cycle) {
        for (ChargeType type : new ChargeType[] {ChargeType.RENEW, ChargeType.CYCLE_CHARGE}) {
            if (f.billed(lineId(f, type, cycle, cycle.start(), "cycle:" + cycle.index()))) return true;
        }
        return false;
    }

    private static String lineId(SubscriptionFacts f, ChargeType type, ChargeCycle cycle, LocalDate from,
                                 String source) {
        return LineIds.of(f.subscriptionId(), type, from, cycle.end(), LineExplanation.Direction.CHARGE, source);
    }

    /** The plan's lines, each for its first day..cycle end at the term price in force that day (R6, R8, R9). */
    static List<ProposedItem> propose(SubscriptionFacts f, Plan plan, TermPrices prices) {
        LineFactory lines = new LineFactory(f);
        List<ProposedItem> out = new ArrayList<>(plan.charges().size() + 1);
        for (Due d : plan.charges()) {
            ChargeCycle cycle = d.cycle();
            CommerceVersion st = d.state();
            BigDecimal unitPrice = prices.onDay(d.from());
            Money.Amount amount = Money.prorate(unitPrice, cycle.daysFrom(d.from()), cycle.days(), st.quantity(),
                    st.currency(), f.rounding());
            String lineId = lineId(f, d.type(), cycle, d.from(), d.source());
            LineFactory.Grounds why = new LineFactory.Grounds(d.rule(), null, st, d.events(), "", d.from());
            out.add(new ProposedItem.Line(
                    lines.line(lineId, d.type(), d.from(), cycle.end(), f.commerce().stateAtEndOf(d.from()),
                            st.offerId(), st.planId()).amount(unitPrice, amount, st.quantity()).referenceId("").build(),
                    () -> lines.explanation(lineId, LineExplanation.Direction.CHARGE, unitPrice, st.quantity(), cycle,
                            d.from(), f.rounding(), why)));
        }
        if (plan.nextDue() != null) out.add(new ProposedItem.ReviewOn(plan.nextDue()));
        return out;
    }
}
