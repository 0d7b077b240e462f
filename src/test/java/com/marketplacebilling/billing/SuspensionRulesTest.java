package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.REINSTATE;
import static com.marketplacebilling.billing.FulfillmentAction.SUSPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R13: suspension skips cycleCharges, a reinstatement charges the rest of the cycle, the 30-day grace warning. */
class SuspensionRulesTest {

    /** Annual term billed monthly from 2025-03-10 at 30.00 EUR; cycle 04-10..05-09 has 30 days (1.00 a seat-day). */
    private static Facts annualMonthly() {
        return Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().price("30.00")
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z");
    }

    @Test
    @DisplayName("R13: a cycleCharge due on a day that starts suspended is skipped; reinstated on 04-15, a prorated cycleCharge 04-15..05-09 (25 of 30 days)")
    void skipAndProratedReinstate() {
        Facts f = annualMonthly().event(SUSPEND, "2025-04-09T10:00:00Z").event(REINSTATE, "2025-04-15T10:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-05-10", Rounding.UNIT);
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-10..2025-04-09 q10 300.00"
                + " | cycleCharge 2025-04-15..2025-05-09 q10 250.00 | cycleCharge 2025-05-10..2025-06-09 q10 300.00");
        assertThat(lines.get(1).orderDate()).hasToString("2025-04-15");
    }

    @Test
    @DisplayName("R13: suspended during a cycle that was already charged: nothing is credited, the next cycle is charged when reinstated before it")
    void suspensionInsideAChargedCycle() {
        Facts f = annualMonthly().event(SUSPEND, "2025-03-15T10:00:00Z").event(REINSTATE, "2025-03-20T10:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-10", Rounding.UNIT);
        assertThat(lines).extracting(InvoiceLine::chargeType).containsExactly(ChargeType.NEW, ChargeType.CYCLE_CHARGE);
    }

    @Test
    @DisplayName("R13: suspended over two cycle starts: both skipped; reinstated in the second: one prorated cycleCharge")
    void skipTwoCycles() {
        Facts f = annualMonthly().event(SUSPEND, "2025-04-01T10:00:00Z").event(REINSTATE, "2025-05-20T10:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-06-10", Rounding.UNIT);
        // cycle 05-10..06-09 has 31 days; 05-20..06-09 = 21 days: 30 x 21 / 31 = 20.32 a seat
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-10..2025-04-09 q10 300.00"
                + " | cycleCharge 2025-05-20..2025-06-09 q10 203.20 | cycleCharge 2025-06-10..2025-07-09 q10 300.00");
    }

    @Test
    @DisplayName("R13, R7: a seat change while a skipped cycle is suspended makes no pair; the reinstate charge uses the seats in force")
    void seatChangeInSkippedCycle() {
        Facts f = annualMonthly().event(SUSPEND, "2025-04-09T10:00:00Z").quantity(12).version("2025-04-12T10:00:00Z")
                .event(REINSTATE, "2025-04-15T10:00:00Z").quantity(14).version("2025-04-20T10:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-20", Rounding.UNIT);
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-10..2025-04-09 q10 300.00"
                + " | cycleCharge 2025-04-15..2025-05-09 q12 300.00"
                + " | addQuantity 2025-04-20..2025-05-09 q12 -240.00 | addQuantity 2025-04-20..2025-05-09 q14 280.00");
    }

    @Test
    @DisplayName("R13: SUSPENDED_OVER_GRACE (WARNING) once, on the first run 30 days after the suspension date, while it lasts")
    void graceWarningOnDayThirty() {
        Facts f = annualMonthly().event(SUSPEND, "2025-04-01T23:00:00Z").status(CommerceStatus.SUSPENDED)
                .version("2025-04-01T23:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-10", "2025-04-30");
        assertThat(Show.codes(nights)).isEmpty();
        BillingResult day30 = f.run("2025-05-01", "2025-04-30", Rounding.UNIT);
        assertThat(Show.codes(day30)).containsExactly(ExceptionCode.SUSPENDED_OVER_GRACE);
        assertThat(day30.exceptions().get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(Show.codes(f.nights("2025-05-02", "2025-06-15"))).as("once").isEmpty();
    }

    @Test
    @DisplayName("R13: reinstated on day 29: no grace warning; a second, long suspension warns for itself")
    void noGraceWarningWhenReinstatedInTime() {
        Facts f = annualMonthly().event(SUSPEND, "2025-04-01T10:00:00Z").status(CommerceStatus.SUSPENDED)
                .version("2025-04-01T10:00:00Z").event(REINSTATE, "2025-04-30T10:00:00Z")
                .status(CommerceStatus.ACTIVE).version("2025-04-30T10:00:00Z").event(SUSPEND, "2025-05-15T10:00:00Z")
                .status(CommerceStatus.SUSPENDED).version("2025-05-15T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-10", "2025-06-14");
        assertThat(Show.codes(nights)).containsExactly(ExceptionCode.SUSPENDED_OVER_GRACE);
        assertThat(nights.get(nights.size() - 1).exceptions()).hasSize(1);
    }

    @Test
    @DisplayName("R13: a Failed Suspend changes nothing (only Succeeded events count)")
    void failedSuspendCountsForNothing() {
        Facts f = annualMonthly().event("s-1", SUSPEND, "2025-04-05T10:00:00Z", OperationStatus.FAILED, null);
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-10", Rounding.UNIT);
        assertThat(lines).extracting(InvoiceLine::chargeType).containsExactly(ChargeType.NEW, ChargeType.CYCLE_CHARGE);
    }
}
