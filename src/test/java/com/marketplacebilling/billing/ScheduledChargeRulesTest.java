package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.REINSTATE;
import static com.marketplacebilling.billing.FulfillmentAction.SUSPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R4 (new), R5 (cycleCharge), R6 (renew) and R11 (the renewal decision). */
class ScheduledChargeRulesTest {

    private static Facts monthly() {
        return Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z");
    }

    @Test
    @DisplayName("R4: new takes the state at the end of S: a seat change on S itself is part of the first charge, no pair")
    void newTakesTheStateAtTheEndOfS() {
        Facts f = monthly().quantity(12).version("2025-03-10T22:00:00Z");
        BillingResult r = f.run("2025-03-10");
        assertThat(Show.lines(r.lines())).isEqualTo("new 2025-03-10..2025-04-09 q12 120.96");
    }

    @Test
    @DisplayName("R4: a new line is a full cycle even when the price has more decimals than the currency (unit mode truncates the price first)")
    void newIsAFullCycle() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").price("3.1415").quantity(1000)
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z");
        InvoiceLine l = f.run("2025-03-10").lines().get(0);
        assertThat(l.subtotal()).isEqualByComparingTo("3140.00");
        assertThat(l.effectiveUnitPrice()).isEqualByComparingTo("3.14");
        assertThat(l.unitPrice()).isEqualByComparingTo("3.1415");
    }

    @Test
    @DisplayName("R5: an annual term billed monthly charges each later cycle on its first day, 11 times, then renews in month 13")
    void cycleChargesThenRenewal() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2026-03-10", Rounding.UNIT);
        assertThat(lines).extracting(InvoiceLine::chargeType).containsExactly(ChargeType.NEW,
                ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE,
                ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE,
                ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE, ChargeType.CYCLE_CHARGE, ChargeType.RENEW);
        assertThat(lines.get(12).chargeStartDate()).hasToString("2026-03-10");
        assertThat(lines.get(12).subscriptionStartDate()).hasToString("2026-03-10");
        assertThat(lines.get(12).subscriptionEndDate()).hasToString("2027-03-09");
        assertThat(lines.get(11).subscriptionEndDate()).hasToString("2026-03-09");
        for (InvoiceLine l : lines) assertThat(l.orderDate()).isEqualTo(l.chargeStartDate());
    }

    @Test
    @DisplayName("R5: a quantity change mid-term is charged in the following cycleCharge lines")
    void cycleChargeTakesTheQuantityInForce() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z").quantity(12).version("2025-03-20T10:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-10", Rounding.UNIT);
        assertThat(lines.get(lines.size() - 1).quantity()).isEqualTo(12);
        assertThat(lines.get(lines.size() - 1).chargeType()).isEqualTo(ChargeType.CYCLE_CHARGE);
    }

    @Test
    @DisplayName("R6: renew on the day after the term ends, at the unit price in force at the start of that day")
    void renewTakesThePriceAtTheStartOfTheDay() {
        Facts f = monthly().price("11.00").version("2025-04-09T23:59:59Z").price("12.00")
                .version("2025-04-10T00:00:00Z");
        f.runEachDay("2025-03-10", "2025-04-09", Rounding.UNIT);
        BillingResult r = f.run("2025-04-10", "2025-04-09", Rounding.UNIT);
        assertThat(Show.lines(r.lines())).isEqualTo("renew 2025-04-10..2025-05-09 q10 110.00");
        assertThat(Show.codes(r)).as("R9: the version on the renewal day itself is mid-term")
                .contains(ExceptionCode.PRICE_CHANGED_MID_TERM);
    }

    @Test
    @DisplayName("R11: auto_renew false in force at the start of the renewal day: the term ends, no line")
    void autoRenewOffEnds() {
        Facts f = monthly().autoRenew(false).version("2025-04-09T12:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-06-01", Rounding.UNIT);
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-10..2025-04-09 q10 100.80");
    }

    @Test
    @DisplayName("R11: auto_renew switched off on the renewal day itself is too late: it renews, and ends one term later")
    void autoRenewOffOnTheRenewalDayIsTooLate() {
        Facts f = monthly().autoRenew(false).version("2025-04-10T00:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-06-01", Rounding.UNIT);
        assertThat(Show.lines(lines))
                .isEqualTo("new 2025-03-10..2025-04-09 q10 100.80 | renew 2025-04-10..2025-05-09 q10 100.80");
    }

    @Test
    @DisplayName("R11: auto_renew switched back on before the renewal day: it renews")
    void autoRenewOnAgain() {
        Facts f = monthly().autoRenew(false).version("2025-03-20T10:00:00Z").autoRenew(true)
                .version("2025-04-09T23:59:59Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-10", Rounding.UNIT);
        assertThat(lines).extracting(InvoiceLine::chargeType).containsExactly(ChargeType.NEW, ChargeType.RENEW);
    }

    @Test
    @DisplayName("R11, R13: suspended at the start of the renewal day: the subscription ends instead of renewing")
    void suspendedAtRenewalEnds() {
        Facts f = monthly().event(SUSPEND, "2025-04-09T23:00:00Z").event(REINSTATE, "2025-04-10T08:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-06-01", Rounding.UNIT);
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-10..2025-04-09 q10 100.80");
    }

    @Test
    @DisplayName("R11, R13: suspended and reinstated before the renewal day: it renews")
    void reinstatedBeforeRenewalRenews() {
        Facts f = monthly().event(SUSPEND, "2025-04-01T23:00:00Z").event(REINSTATE, "2025-04-09T23:59:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-10", Rounding.UNIT);
        assertThat(lines).extracting(InvoiceLine::chargeType).containsExactly(ChargeType.NEW, ChargeType.RENEW);
    }

    @Test
    @DisplayName("R6: catch-up after skipped dates bills each missed renewal once, with its true dates")
    void catchUpBillsEachRenewalOnce() {
        Facts f = monthly();
        f.run("2025-03-10");
        List<InvoiceLine> lines = f.run("2025-06-15").lines();
        assertThat(Show.lines(lines)).isEqualTo("renew 2025-04-10..2025-05-09 q10 100.80"
                + " | renew 2025-05-10..2025-06-09 q10 100.80 | renew 2025-06-10..2025-07-09 q10 100.80");
        assertThat(f.run("2025-06-16").lines()).isEmpty();
    }
}
