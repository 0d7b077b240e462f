package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The worked examples E1–E5 of the billing rules, with Microsoft's published amounts. */
class WorkedExamplesTest {

    private static String amounts(List<InvoiceLine> lines) {
        return String.join(" ", lines.stream().map(l -> l.chargeType().feedName() + " " + l.chargeStartDate()
                + ".." + l.chargeEndDate() + " q" + l.quantity() + " " + l.subtotal().toPlainString()).toList());
    }

    @Test
    @DisplayName("E1 (R4, R6): 10 seats x 10.08 EUR monthly: new 100.80 on S, renew 100.80 a month later")
    void e1MonthlyNewAndRenew() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z");
        assertThat(amounts(f.run("2021-06-18").lines())).isEqualTo("new 2021-06-18..2021-07-17 q10 100.80");
        assertThat(f.run("2021-07-17").lines()).isEmpty();
        assertThat(amounts(f.run("2021-07-18").lines())).isEqualTo("renew 2021-07-18..2021-08-17 q10 100.80");
    }

    @Test
    @DisplayName("E1 (R5): annual term billed monthly: new 100.80 then cycleCharge 100.80 each month")
    void e1AnnualBilledMonthly() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").annualBilledMonthly().version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z");
        List<InvoiceLine> lines = f.run("2021-08-18").lines();
        assertThat(amounts(lines)).isEqualTo("new 2021-06-18..2021-07-17 q10 100.80"
                + " cycleCharge 2021-07-18..2021-08-17 q10 100.80 cycleCharge 2021-08-18..2021-09-17 q10 100.80");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.subscriptionStartDate()).isEqualTo(LocalDate.of(2021, 6, 18));
            assertThat(l.subscriptionEndDate()).isEqualTo(LocalDate.of(2022, 6, 17));
        });
    }

    @Test
    @DisplayName("E1 (R4): annual billed annually at 120.96: new 2021-06-18..2022-06-17 = 1209.60")
    void e1AnnualBilledAnnually() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").annual().price("120.96")
                .version("2021-06-18T08:00:00Z").activated("2021-06-18T09:00:00Z");
        assertThat(amounts(f.run("2021-06-18").lines())).isEqualTo("new 2021-06-18..2022-06-17 q10 1209.60");
    }

    @Test
    @DisplayName("E2 (R7, R14): 10 -> 12 seats on 2021-06-20, 28 of 30 days: line mode -94.08/+112.89, unit mode -94.00/+112.80")
    void e2SeatIncreaseBothRoundingModes() {
        for (Rounding mode : Rounding.values()) {
            Facts f = Facts.subscription("2021-06-18T08:00:00Z").version("2021-06-18T08:00:00Z")
                    .activated("2021-06-18T09:00:00Z").quantity(12).version("2021-06-20T10:00:00Z");
            f.run("2021-06-18", mode);
            List<InvoiceLine> pair = f.run("2021-06-20", mode).lines();
            String expected = mode == Rounding.LINE
                    ? "addQuantity 2021-06-20..2021-07-17 q10 -94.08 addQuantity 2021-06-20..2021-07-17 q12 112.89"
                    : "addQuantity 2021-06-20..2021-07-17 q10 -94.00 addQuantity 2021-06-20..2021-07-17 q12 112.80";
            assertThat(amounts(pair)).as(mode.name()).isEqualTo(expected);
            assertThat(pair.get(0).referenceId()).isNotEmpty().isEqualTo(pair.get(1).referenceId());
            String eup = mode == Rounding.LINE ? "9.408000" : "9.400000";
            assertThat(pair.get(1).effectiveUnitPrice().toPlainString()).isEqualTo(eup);
            assertThat(pair.get(0).effectiveUnitPrice().toPlainString()).isEqualTo("-" + eup);
        }
    }

    @Test
    @DisplayName("E3 (R7, R14 line): unit 12.00, 31-day cycle, 10 -> 15 seats with 29 days left: -112.25 / +168.38")
    void e3ThirtyOneDayCycle() {
        Facts f = Facts.subscription("2022-03-05T08:00:00Z").price("12.00").version("2022-03-05T08:00:00Z")
                .activated("2022-03-05T09:00:00Z").quantity(15).version("2022-03-07T10:00:00Z");
        f.run("2022-03-05", Rounding.LINE);
        assertThat(amounts(f.run("2022-03-07", Rounding.LINE).lines())).isEqualTo(
                "addQuantity 2022-03-07..2022-04-04 q10 -112.25 addQuantity 2022-03-07..2022-04-04 q15 168.38");
    }

    @Test
    @DisplayName("E4 (R8, R14 unit): plan change with 23 of 30 days left, 300 seats: convert -2316.00 (EUP -7.72) and +1476.00 (EUP 4.92)")
    void e4PlanChange() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").quantity(300).version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z").plan("basic").price("6.43").version("2021-06-25T10:00:00Z");
        f.run("2021-06-18");
        List<InvoiceLine> pair = f.run("2021-06-25").lines();
        assertThat(amounts(pair)).isEqualTo(
                "convert 2021-06-25..2021-07-17 q300 -2316.00 convert 2021-06-25..2021-07-17 q300 1476.00");
        assertThat(pair.get(0).effectiveUnitPrice()).isEqualByComparingTo("-7.72");
        assertThat(pair.get(0).planId()).isEqualTo("pro");
        assertThat(pair.get(1).effectiveUnitPrice()).isEqualByComparingTo("4.92");
        assertThat(pair.get(1).planId()).isEqualTo("basic");
    }

    @Test
    @DisplayName("E5 (R10): cancelled 71 h 59 min after a 2025 order: every line reversed, net zero")
    void e5CancelledInWindow() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").version("2025-03-01T10:00:00Z")
                .activated("2025-03-01T11:00:00Z");
        f.run("2025-03-01");
        f.cancel("2025-03-04T09:59:00Z");
        List<InvoiceLine> reversal = f.run("2025-03-04").lines();
        assertThat(reversal).singleElement().satisfies(l -> {
            assertThat(l.chargeType()).isEqualTo(ChargeType.CANCEL_IMMEDIATE);
            assertThat(l.subtotal()).isEqualByComparingTo("-100.80");
            assertThat(l.referenceId()).isEqualTo(f.billed.get(0).lineId());
            assertThat(l.orderDate()).isEqualTo(LocalDate.of(2025, 3, 4));
        });
        BigDecimal net = f.billed.stream().map(InvoiceLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(net).isEqualByComparingTo("0");
        assertThat(f.run("2025-04-01").lines()).as("no renewal after an in-window cancellation").isEmpty();
    }

    @Test
    @DisplayName("E5 (R10): cancelled 72 h 1 min after the order: no credit, CANCELLED_OUTSIDE_WINDOW, billed to term end, no renewal")
    void e5CancelledOutsideWindow() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").annualBilledMonthly().version("2025-03-01T10:00:00Z")
                .activated("2025-03-01T11:00:00Z");
        f.run("2025-03-01");
        f.cancel("2025-03-04T10:01:00Z").event(FulfillmentAction.UNSUBSCRIBE, "2025-03-04T10:02:00Z");
        BillingResult r = f.run("2025-03-04");
        assertThat(r.lines()).isEmpty();
        assertThat(r.exceptions()).extracting(BillingException::code)
                .containsExactly(ExceptionCode.CANCELLED_OUTSIDE_WINDOW);
        List<InvoiceLine> rest = f.runEachDay("2025-03-05", "2026-03-05", Rounding.UNIT);
        assertThat(rest).hasSize(11).allMatch(l -> l.chargeType() == ChargeType.CYCLE_CHARGE);
        assertThat(rest.get(10).chargeEndDate()).isEqualTo(LocalDate.of(2026, 2, 28));
    }
}
