package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.REINSTATE;
import static com.marketplacebilling.billing.FulfillmentAction.SUSPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: every line the rules R4–R13 produce carries its explanation (rule, proration inputs, facts), and its
 * amounts recompute exactly from it (R14). Facts.run checks that invariant for every rule test; this class
 * asserts the explanations themselves.
 */
class LineExplanationRulesTest {

    @Test
    @DisplayName("R4, R6: new stands on R1's two events; renew on the version in force, with its cycle's 31 days")
    void newAndRenew() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z");
        assertThat(Show.why(f.run("2021-06-18")))
                .isEqualTo("R4 charge 10 x 10.08 30/30 unit exact 100.80 [2021-06-18 subscriptions.csv:2] evt-1 evt-2");
        BillingResult renew = f.run("2021-07-18");
        assertThat(Show.why(renew))
                .isEqualTo("R6 charge 10 x 10.08 31/31 unit exact 100.80 [2021-06-18 subscriptions.csv:2]");
        LineExplanation e = renew.explanations().get(0);
        assertThat(e.cycleStart()).isEqualTo(LocalDate.of(2021, 7, 18));
        assertThat(e.cycleEnd()).isEqualTo(LocalDate.of(2021, 8, 17));
        assertThat(e.commerce().updatedAt()).hasToString("2021-06-18T08:00:00Z");
        assertThat(e.events()).isEmpty();
        assertThat(e.catchUp()).isFalse();
        assertThat(f.run("2021-07-18").explanations()).as("billed already: nothing new to explain").isEmpty();
    }

    @Test
    @DisplayName("R5: each cycleCharge of an annual term billed monthly; a catch-up run marks the lines due before it")
    void cycleChargesCaughtUp() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").annualBilledMonthly().version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z");
        BillingResult r = f.run("2021-08-18");
        assertThat(Show.why(r)).isEqualTo(
                "R4 charge 10 x 10.08 30/30 unit exact 100.80 [2021-06-18 subscriptions.csv:2] evt-1 evt-2 due 2021-06-18"
                        + " | R5 charge 10 x 10.08 31/31 unit exact 100.80 [2021-06-18 subscriptions.csv:2] due 2021-07-18"
                        + " | R5 charge 10 x 10.08 31/31 unit exact 100.80 [2021-06-18 subscriptions.csv:2]");
        assertThat(r.explanations()).extracting(LineExplanation::billedOn).containsOnly(LocalDate.of(2021, 8, 18));
        LineExplanation.EventFact assigned = r.explanations().get(0).events().get(0);
        assertThat(assigned.action()).isEqualTo(FulfillmentAction.LICENSES_ASSIGNED);
        assertThat(assigned.source()).isEqualTo(new SourceRef(LocalDate.of(2021, 6, 18), SourceRef.FULFILLMENT_FILE, 3));
    }

    @Test
    @DisplayName("R7, R14: 10 -> 12 seats with 28 of 30 days left: the exact 94.08 and 112.896 before truncation, in both modes")
    void seatChangeBothModes() {
        for (Rounding mode : Rounding.values()) {
            Facts f = Facts.subscription("2021-06-18T08:00:00Z").version("2021-06-18T08:00:00Z")
                    .activated("2021-06-18T09:00:00Z").quantity(12).version("2021-06-20T10:00:00Z");
            f.run("2021-06-18", mode);
            BillingResult r = f.run("2021-06-20", mode);
            String m = mode.optionName();
            assertThat(Show.why(r)).as(m).isEqualTo(
                    "R7 credit 10 x 10.08 28/30 " + m + " exact 94.08 change pro 10>pro 12 [2021-06-20 subscriptions.csv:5]"
                            + " | R7 charge 12 x 10.08 28/30 " + m + " exact 112.896 change pro 10>pro 12 [2021-06-20 subscriptions.csv:5]");
            assertThat(r.explanations().get(0).direction()).isEqualTo(LineExplanation.Direction.CREDIT);
        }
    }

    @Test
    @DisplayName("R8: a plan change pairs the old plan's price and the new one's, both standing on the new version")
    void planChange() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").quantity(300).version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z").plan("basic").price("6.43").version("2021-06-25T10:00:00Z");
        f.run("2021-06-18");
        assertThat(Show.why(f.run("2021-06-25"))).isEqualTo(
                "R8 credit 300 x 10.08 23/30 unit exact 2318.40 change pro 300>basic 300 [2021-06-25 subscriptions.csv:5]"
                        + " | R8 charge 300 x 6.43 23/30 unit exact 1478.90 change pro 300>basic 300 [2021-06-25 subscriptions.csv:5]");
    }

    @Test
    @DisplayName("R10: each reversal names the line it reverses, stands on the cancellation, and repeats its proration")
    void reversal() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").version("2025-03-01T10:00:00Z")
                .activated("2025-03-01T11:00:00Z");
        String reversed = f.run("2025-03-01").lines().get(0).lineId();
        f.cancel("2025-03-04T09:59:00Z");
        BillingResult r = f.run("2025-03-04");
        assertThat(Show.why(r)).isEqualTo(
                "R10 credit 10 x 10.08 31/31 unit exact 100.80 [2025-03-04 subscriptions.csv:5] reverses " + reversed);
        assertThat(r.explanations().get(0).dueOn()).isEqualTo(LocalDate.of(2025, 3, 4));
    }

    @Test
    @DisplayName("R10, R14: a reversal names the rounding mode its reversed line was billed with, when the modes differ")
    void reversalKeepsTheReversedLinesMode() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").price("10.07").version("2025-03-01T10:00:00Z")
                .activated("2025-03-01T11:00:00Z").quantity(13).version("2025-03-02T10:00:00Z");
        f.run("2025-03-01", Rounding.LINE);
        f.run("2025-03-02", Rounding.LINE);
        f.cancel("2025-03-03T09:00:00Z");
        BillingResult r = f.run("2025-03-03", Rounding.UNIT);
        // the full-cycle line comes out the same in both modes (the run's is named); the prorated pair does not
        assertThat(r.explanations()).hasSize(3).filteredOn(e -> e.remainingDays() < e.cycleDays()).hasSize(2)
                .allSatisfy(e -> assertThat(e.rounding()).isEqualTo(Rounding.LINE));
        assertThat(r.lines().stream().map(InvoiceLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(f.billed.subList(0, 3).stream().map(InvoiceLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add)))
                .isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("R13: the prorated cycleCharge of a reinstated cycle stands on the Reinstate event (25 of 30 days)")
    void reinstatedCycle() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().price("30.00")
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z")
                .event(SUSPEND, "2025-04-09T10:00:00Z").event(REINSTATE, "2025-04-15T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-10", "2025-04-15");
        BillingResult r = nights.get(nights.size() - 1);
        assertThat(Show.why(r)).isEqualTo(
                "R13 charge 10 x 30.00 25/30 unit exact 250.00 [2025-03-10 subscriptions.csv:2] evt-4");
        assertThat(r.explanations().get(0).events().get(0).action()).isEqualTo(REINSTATE);
        assertThat(r.explanations().get(0).cycleStart()).isEqualTo(LocalDate.of(2025, 4, 10));
    }

    @Test
    @DisplayName("R9, R7: a price change within the term is not billed; a seat change still uses the term's price, the renewal the new one")
    void priceProtection() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z").price("12.00").version("2021-06-25T10:00:00Z")
                .quantity(12).version("2021-07-01T10:00:00Z");
        f.run("2021-06-18");
        assertThat(f.run("2021-06-25").explanations()).as("R9: nothing billed for the price change").isEmpty();
        assertThat(Show.why(f.run("2021-07-01"))).isEqualTo(
                "R7 credit 10 x 10.08 17/30 unit exact 57.12 change pro 10>pro 12 [2021-07-01 subscriptions.csv:6]"
                        + " | R7 charge 12 x 10.08 17/30 unit exact 68.544 change pro 10>pro 12 [2021-07-01 subscriptions.csv:6]");
        assertThat(Show.why(f.run("2021-07-18")))
                .isEqualTo("R6 charge 12 x 12.00 31/31 unit exact 144.00 [2021-07-01 subscriptions.csv:6]");
    }

    @Test
    @DisplayName("R11: without auto-renew the term ends: no line, so nothing to explain")
    void noRenewal() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").autoRenew(false).version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z");
        assertThat(f.run("2021-06-18").explanations()).extracting(LineExplanation::rule)
                .containsExactly(LineExplanation.Rule.R4_NEW);
        assertThat(f.run("2021-07-18").explanations()).isEmpty();
    }

    @Test
    @DisplayName("R14: a division that does not end keeps ten decimals of the exact amount; the amounts still recompute")
    void exactAmountThatDoesNotEnd() {
        assertThat(LineExplanation.exact(new BigDecimal("10.00"), 1, 10, 31)).hasToString("3.2258064516");
        assertThat(LineExplanation.exact(new BigDecimal("10.08"), 10, 28, 30)).hasToString("94.08");
    }

    @Test
    @DisplayName("R13/R14: a whole cycle's exact amount, taken without dividing, is the division's, value and scale")
    void wholeCycleExactIsTheDivisions() {
        long seed = System.nanoTime();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal price = BigDecimal.valueOf(r.nextLong(0, 10_000_000), r.nextInt(0, 7));
            int quantity = r.nextInt(1, 5_000);
            int days = r.nextInt(1, 367);
            BigDecimal fast = LineExplanation.exact(price, quantity, days, days);
            BigDecimal divided = LineExplanation.dividing(price, quantity, days, days);
            assertThat(fast).as("seed %d: %s x %d", seed, price, quantity).isEqualTo(divided); // equals: scale too
        }
    }

    @Test
    @DisplayName("The invariant check names what differs when a line does not recompute from its explanation")
    void mismatchIsReported() {
        Facts f = Facts.subscription("2021-06-18T08:00:00Z").version("2021-06-18T08:00:00Z")
                .activated("2021-06-18T09:00:00Z");
        BillingResult r = f.run("2021-06-18");
        InvoiceLine l = r.lines().get(0);
        LineExplanation e = r.explanations().get(0);
        assertThat(LineExplanation.mismatch(l, e)).isNull();
        LineExplanation wrongDays = new LineExplanation(e.lineId(), e.rule(), e.direction(), e.unitPrice(), e.quantity(),
                29, e.cycleDays(), e.cycleStart(), e.cycleEnd(), e.rounding(), e.exactAmount(), e.change(),
                e.commerce(), e.events(), e.reversesLineId(), e.dueOn(), e.billedOn());
        assertThat(LineExplanation.mismatch(l, wrongDays)).isEqualTo("Subtotal 100.80 but the inputs give 97.40");
        LineExplanation credit = new LineExplanation(e.lineId(), e.rule(), LineExplanation.Direction.CREDIT,
                e.unitPrice(), e.quantity(), e.remainingDays(), e.cycleDays(), e.cycleStart(), e.cycleEnd(),
                e.rounding(), e.exactAmount(), e.change(), e.commerce(), e.events(), e.reversesLineId(), e.dueOn(),
                e.billedOn());
        assertThat(LineExplanation.mismatch(l, credit)).isEqualTo("Subtotal 100.80 but the inputs give -100.80");
    }
}
