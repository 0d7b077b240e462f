package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.REINSTATE;
import static com.marketplacebilling.billing.FulfillmentAction.SUSPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The scheduled-charges family on its own: its plan of cycles (R3, R5, R6, R11, R13) and its lines (R4). */
class ScheduledChargesTest {

    /** Annual term billed monthly from 2025-03-10 at 30.00 EUR, 10 seats. */
    private static Facts annualMonthly() {
        return Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().price("30.00")
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z");
    }

    private static ScheduledCharges.Plan plan(Facts f, String date) {
        return ScheduledCharges.plan(FamilyFacts.asOf(f, date), null);
    }

    @Test
    @DisplayName("R4, R5: new on S, then a cycleCharge on each cycle start up to the business date; the next cycle start is the next review")
    void newThenCycleCharges() {
        ScheduledCharges.Plan p = plan(annualMonthly(), "2025-06-15");
        assertThat(p.charges()).extracting(ScheduledCharges.Due::type).containsExactly(ChargeType.NEW,
                ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE);
        assertThat(p.charges()).extracting(ScheduledCharges.Due::from).extracting(LocalDate::toString)
                .containsExactly("2025-03-10", "2025-04-10", "2025-05-10", "2025-06-10");
        assertThat(p.end()).isNull();
        assertThat(p.nextDue()).hasToString("2025-07-10");
    }

    @Test
    @DisplayName("R6, R11: a monthly term renews on the day after its end; with auto-renew off it ends with the term instead")
    void renewOrEnd() {
        Facts renewing = Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z");
        assertThat(plan(renewing, "2025-04-10").charges()).extracting(ScheduledCharges.Due::type)
                .containsExactly(ChargeType.NEW, ChargeType.RENEW);
        Facts ending = Facts.subscription("2025-03-10T08:00:00Z").autoRenew(false).version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z");
        ScheduledCharges.Plan p = plan(ending, "2025-05-01");
        assertThat(p.charges()).extracting(ScheduledCharges.Due::type).containsExactly(ChargeType.NEW);
        assertThat(p.end()).hasToString("2025-04-09");
        assertThat(p.nextDue()).isNull();
    }

    @Test
    @DisplayName("R13: a cycle starting suspended is skipped, then charged from the reinstatement; it counts as charged from that day")
    void skippedThenReinstated() {
        // the reinstatement is known ahead (it arrives with the suspension)
        Facts f = annualMonthly().arriving("2025-04-09").event(SUSPEND, "2025-04-09T10:00:00Z")
                .event(REINSTATE, "2025-04-15T10:00:00Z");
        ScheduledCharges.Plan before = plan(f, "2025-04-12");
        assertThat(before.charges()).extracting(ScheduledCharges.Due::type).containsExactly(ChargeType.NEW);
        assertThat(before.nextDue()).as("the reinstatement is due next").hasToString("2025-04-15");
        ScheduledCharges.Plan after = plan(f, "2025-04-16");
        ScheduledCharges.Due reinstated = after.charges().get(1);
        assertThat(reinstated.rule()).isEqualTo(LineExplanation.Rule.R13_REINSTATED_CYCLE);
        assertThat(reinstated.from()).hasToString("2025-04-15");
        assertThat(reinstated.cycle().start()).hasToString("2025-04-10");
        assertThat(after.charged(1, LocalDate.parse("2025-04-14"))).isFalse();
        assertThat(after.charged(1, LocalDate.parse("2025-04-15"))).isTrue();
    }

    @Test
    @DisplayName("R10: a cancellation's end bounds the plan; no review after it")
    void boundedByTheEnd() {
        ScheduledCharges.Plan p = ScheduledCharges.plan(FamilyFacts.asOf(annualMonthly(), "2025-06-15"),
                LocalDate.parse("2025-04-20"));
        assertThat(p.charges()).hasSize(2);
        assertThat(p.end()).hasToString("2025-04-20");
        assertThat(p.nextDue()).isNull();
    }

    @Test
    @DisplayName("R4, R14: the new line bills the full first cycle at the price at the end of S")
    void newLine() {
        SubscriptionFacts f = FamilyFacts.asOf(annualMonthly(), "2025-03-10");
        ScheduledCharges.Plan p = ScheduledCharges.plan(f, null);
        InvoiceLine l = FamilyFacts.lines(ScheduledCharges.propose(f, p, new TermPrices(f, java.util.List.of()))).get(0);
        assertThat(Show.line(l)).isEqualTo("new 2025-03-10..2025-04-09 q10 300.00");
        assertThat(l.subscriptionStartDate()).hasToString("2025-03-10");
        assertThat(l.subscriptionEndDate()).hasToString("2026-03-09");
    }
}
