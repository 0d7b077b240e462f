package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R7 (quantity change), R8 (plan change) and R9 (price protection). */
class ChangeRulesTest {

    /** S = 2025-03-10, monthly cycle 03-10..04-09 (31 days), 10 seats at 31.00 EUR: 1.00 a seat-day. */
    private static Facts thirtyOneDays() {
        return Facts.subscription("2025-03-10T08:00:00Z").price("31.00").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z");
    }

    @Test
    @DisplayName("R7: a seat increase on the first day after S credits the old and charges the new seats for the rest of the cycle, one ReferenceId")
    void increaseOnSecondDay() {
        Facts f = thirtyOneDays().quantity(12).version("2025-03-11T10:00:00Z");
        f.run("2025-03-10");
        List<InvoiceLine> pair = f.run("2025-03-11").lines();
        assertThat(Show.lines(pair)).isEqualTo(
                "addQuantity 2025-03-11..2025-04-09 q10 -300.00 | addQuantity 2025-03-11..2025-04-09 q12 360.00");
        assertThat(pair.get(0).referenceId()).isNotEmpty().isEqualTo(pair.get(1).referenceId());
        assertThat(pair.get(0).orderDate()).hasToString("2025-03-11");
        assertThat(pair).allMatch(l -> l.unitPrice().compareTo(new java.math.BigDecimal("31.00")) == 0);
    }

    @Test
    @DisplayName("R7: a seat decrease on the last day of a cycle: removeQuantity pair for that one day")
    void decreaseOnLastDay() {
        Facts f = thirtyOneDays().quantity(4).version("2025-04-09T23:59:59Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-10", Rounding.UNIT);
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-10..2025-04-09 q10 310.00"
                + " | removeQuantity 2025-04-09..2025-04-09 q10 -10.00 | removeQuantity 2025-04-09..2025-04-09 q4 4.00"
                + " | renew 2025-04-10..2025-05-09 q4 124.00");
    }

    @Test
    @DisplayName("R7: a seat change on the first day of a cycle (the renewal day) is a pair for the whole new cycle after the renewal")
    void changeOnFirstDayOfCycle() {
        Facts f = thirtyOneDays().quantity(11).version("2025-04-10T06:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-10", Rounding.UNIT);
        // cycle 04-10..05-09 has 30 days: 31.00 x 30/30 = 31.00 a seat
        assertThat(Show.lines(lines)).isEqualTo("new 2025-03-10..2025-04-09 q10 310.00"
                + " | renew 2025-04-10..2025-05-09 q10 310.00"
                + " | addQuantity 2025-04-10..2025-05-09 q10 -310.00 | addQuantity 2025-04-10..2025-05-09 q11 341.00");
    }

    @Test
    @DisplayName("R7: several versions on one day give one pair each, in order (10 -> 12 -> 11)")
    void severalVersionsOneDay() {
        Facts f = thirtyOneDays().quantity(12).version("2025-03-20T10:00:00Z").quantity(11)
                .version("2025-03-20T11:00:00Z");
        f.run("2025-03-10");
        List<InvoiceLine> lines = f.run("2025-03-20").lines();
        // 03-20..04-09 = 21 days: 21.00 a seat
        assertThat(Show.lines(lines)).isEqualTo(
                "addQuantity 2025-03-20..2025-04-09 q10 -210.00 | addQuantity 2025-03-20..2025-04-09 q12 252.00"
                        + " | removeQuantity 2025-03-20..2025-04-09 q12 -252.00 | removeQuantity 2025-03-20..2025-04-09 q11 231.00");
        assertThat(lines.get(0).referenceId()).isNotEqualTo(lines.get(2).referenceId());
    }

    @ParameterizedTest(name = "R7, R3: S = {0}, change on {1}: {2} of {3} days")
    @CsvSource({
            "2023-01-31, 2023-02-20, 8, 28",
            "2024-01-31, 2024-02-20, 9, 29",
            "2025-04-10, 2025-04-30, 10, 30",
            "2025-03-10, 2025-03-31, 10, 31",
    })
    void prorationOverCycleLengths(String s, String change, int remaining, int days) {
        Facts f = Facts.subscription(s + "T08:00:00Z").price(days + ".00").version(s + "T08:00:00Z")
                .activated(s + "T09:00:00Z").quantity(11).version(change + "T10:00:00Z");
        f.run(s);
        List<InvoiceLine> pair = f.run(change).lines();
        assertThat(pair).hasSize(2);
        assertThat(pair.get(0).subtotal()).isEqualByComparingTo(String.valueOf(-10 * remaining));
        assertThat(pair.get(1).subtotal()).isEqualByComparingTo(String.valueOf(11 * remaining));
        assertThat(pair.get(1).effectiveUnitPrice()).isEqualByComparingTo(String.valueOf(remaining));
    }

    @Test
    @DisplayName("R7: an annual cycle (365 days) billed annually: a decrease with 320 days left credits 40 and charges 32 seats at 96.00")
    void annualCycleProration() {
        Facts f = Facts.subscription("2026-09-21T08:00:00Z").annual().quantity(40).price("96.00").currency("USD")
                .version("2026-09-21T08:00:00Z").activated("2026-09-21T09:00:00Z").quantity(32)
                .version("2026-11-05T10:00:00Z");
        f.run("2026-09-21");
        List<InvoiceLine> pair = f.run("2026-11-05").lines();
        // 96 x 320 / 365 = 84.164383... -> 84.16
        assertThat(Show.lines(pair)).isEqualTo("removeQuantity 2026-11-05..2027-09-20 q40 -3366.40"
                + " | removeQuantity 2026-11-05..2027-09-20 q32 2693.12");
    }

    @Test
    @DisplayName("R7: changes stay billable after an out-of-window cancellation, until the term ends")
    void changeAfterOutOfWindowCancellation() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().price("31.00")
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z").cancel("2025-03-20T10:00:00Z")
                .quantity(5).version("2025-03-25T10:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-03-25", Rounding.UNIT);
        assertThat(lines).extracting(InvoiceLine::chargeType)
                .containsExactly(ChargeType.NEW, ChargeType.REMOVE_QUANTITY, ChargeType.REMOVE_QUANTITY);
    }

    @Test
    @DisplayName("R8: a plan change is one convert pair (old plan, old price, old seats / new plan, new price, new seats), no R7 pair even when seats change too")
    void planChangeWithSeats() {
        Facts f = thirtyOneDays().plan("enterprise").price("62.00").quantity(15).version("2025-03-20T10:00:00Z");
        f.run("2025-03-10");
        List<InvoiceLine> pair = f.run("2025-03-20").lines();
        assertThat(Show.lines(pair)).isEqualTo(
                "convert 2025-03-20..2025-04-09 q10 -210.00 | convert 2025-03-20..2025-04-09 q15 630.00");
        assertThat(pair).extracting(InvoiceLine::planId).containsExactly("pro", "enterprise");
        assertThat(pair.get(0).referenceId()).isEqualTo(pair.get(1).referenceId());
    }

    @Test
    @DisplayName("R8: after a plan change the new unit price holds for the rest of the term (cycleCharge) and a later seat change")
    void newPlanPriceHolds() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().price("31.00")
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z").plan("enterprise")
                .price("62.00").version("2025-03-20T10:00:00Z").quantity(11).version("2025-04-20T10:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2025-03-10", "2025-04-20", Rounding.UNIT);
        InvoiceLine cycle = lines.stream().filter(l -> l.chargeType() == ChargeType.CYCLE_CHARGE).findFirst().orElseThrow();
        assertThat(cycle.unitPrice()).isEqualByComparingTo("62.00");
        assertThat(lines.subList(lines.size() - 2, lines.size())).allMatch(l -> l.unitPrice().compareTo(
                new java.math.BigDecimal("62.00")) == 0 && l.chargeType() == ChargeType.ADD_QUANTITY);
    }

    @Test
    @DisplayName("R9: a price change before S raises nothing and new uses the price at the end of S")
    void priceChangeBeforeS() {
        Facts f = Facts.subscription("2025-03-01T08:00:00Z").version("2025-03-01T08:00:00Z").price("11.00")
                .version("2025-03-05T08:00:00Z").activated("2025-03-10T09:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-01", "2025-03-10");
        assertThat(Show.codes(nights)).isEmpty();
        assertThat(Show.lines(Show.allLines(nights))).isEqualTo("new 2025-03-10..2025-04-09 q10 110.00");
    }

    @Test
    @DisplayName("R9: a price change on S is part of new, no warning")
    void priceChangeOnS() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z").price("11.00").version("2025-03-10T20:00:00Z");
        BillingResult r = f.run("2025-03-10");
        assertThat(Show.codes(r)).isEmpty();
        assertThat(Show.lines(r.lines())).isEqualTo("new 2025-03-10..2025-04-09 q10 110.00");
    }

    @Test
    @DisplayName("R9: a mid-term price change warns once, keeps the term price (also for seat changes), and applies at renewal")
    void priceChangeMidTerm() {
        Facts f = thirtyOneDays().price("40.00").version("2025-03-15T10:00:00Z").quantity(12)
                .version("2025-03-20T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-10", "2025-04-10");
        assertThat(Show.codes(nights)).as("the publisher still reports 10 seats (R16) besides")
                .filteredOn(c -> c != ExceptionCode.QUANTITY_MISMATCH)
                .containsExactly(ExceptionCode.PRICE_CHANGED_MID_TERM);
        BillingException w = nights.stream().flatMap(r -> r.exceptions().stream()).findFirst().orElseThrow();
        assertThat(w.expected()).isEqualTo("31.00");
        assertThat(w.actual()).isEqualTo("40.00");
        assertThat(Show.lines(Show.allLines(nights))).isEqualTo("new 2025-03-10..2025-04-09 q10 310.00"
                + " | addQuantity 2025-03-20..2025-04-09 q10 -210.00 | addQuantity 2025-03-20..2025-04-09 q12 252.00"
                + " | renew 2025-04-10..2025-05-09 q12 480.00");
    }

    @Test
    @DisplayName("R7, R17: two versions of one day arriving on different nights in the wrong order bill the seat change once")
    void sameDayVersionsOutOfOrderBillTheChangeOnce() {
        // A (13:48) raises 10 -> 25 seats; B (14:55) only switches auto-renew off. B arrives on the night of the
        // change, A one night late: the change was billed with B and A must not bill it again.
        Facts late = thirtyOneDays();
        late.run("2025-03-10");
        late.quantity(25).autoRenew(false).version("2025-03-20T14:55:00Z");
        List<InvoiceLine> first = late.run("2025-03-20", "2025-03-19", Rounding.UNIT).lines();
        late.autoRenew(true).arriving("2025-03-21").version("2025-03-20T13:48:00Z").onTime().autoRenew(false);
        assertThat(late.run("2025-03-21", "2025-03-20", Rounding.UNIT).lines()).as("nothing billed twice").isEmpty();

        Facts inOrder = thirtyOneDays();
        inOrder.run("2025-03-10");
        inOrder.quantity(25).version("2025-03-20T13:48:00Z").autoRenew(false).version("2025-03-20T14:55:00Z");
        List<InvoiceLine> expected = inOrder.run("2025-03-20", "2025-03-19", Rounding.UNIT).lines();
        assertThat(first).extracting(InvoiceLine::lineId).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(InvoiceLine::lineId).toList());
        assertThat(Show.lines(first)).isEqualTo("addQuantity 2025-03-20..2025-04-09 q10 -210.00"
                + " | addQuantity 2025-03-20..2025-04-09 q25 525.00");
    }
}
