package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R14 (rounding: truncation toward zero to the currency's minor digits, unit and line modes) and R15. */
class MoneyRulesTest {

    @ParameterizedTest(name = "R14 {0}: {1} x {2}/{3} days x {4} seats in {5}: EUP {6}, subtotal {7}")
    @CsvSource({
            // unit mode: the prorated unit price is truncated first, then multiplied
            "UNIT, 10.08, 28, 30, 10, EUR, 9.400000, 94.00",
            "UNIT, 10.08, 28, 30, 12, EUR, 9.400000, 112.80",
            "UNIT, 3.1415, 31, 31, 1000, USD, 3.140000, 3140.00",
            "UNIT, 1200, 10, 31, 20, JPY, 387.000000, 7740",
            "UNIT, 1200, 31, 31, 20, JPY, 1200.000000, 24000",
            "UNIT, 999, 1, 366, 7, JPY, 2.000000, 14",
            "UNIT, 0, 5, 30, 10, EUR, 0.000000, 0.00",
            // line mode: one truncation of the whole line; EUP cut to 6 decimals
            "LINE, 10.08, 28, 30, 10, EUR, 9.408000, 94.08",
            "LINE, 10.08, 28, 30, 12, EUR, 9.408000, 112.89",
            "LINE, 12.00, 29, 31, 15, EUR, 11.225806, 168.38",
            "LINE, 3.1415, 31, 31, 1000, USD, 3.141500, 3141.50",
            "LINE, 1200, 10, 31, 20, JPY, 387.096774, 7741",
            "LINE, 999, 1, 366, 7, JPY, 2.729508, 19",
    })
    void prorate(Rounding mode, String unitPrice, int remaining, int cycle, int qty, String currency, String eup,
                 String subtotal) {
        Money.Amount a = Money.prorate(new BigDecimal(unitPrice), remaining, cycle, qty, currency, mode);
        assertThat(a.effectiveUnitPrice().toPlainString()).isEqualTo(eup);
        assertThat(a.subtotal().toPlainString()).isEqualTo(subtotal);
    }

    @Test
    @DisplayName("R14: credits are truncated toward zero and then negated (-94.00, never -94.01)")
    void signAfterTruncation() {
        Money.Amount credit = Money.prorate(new BigDecimal("10.08"), 28, 30, 10, "EUR", Rounding.UNIT).negate();
        assertThat(credit.subtotal().toPlainString()).isEqualTo("-94.00");
        Money.Amount lineCredit = Money.prorate(new BigDecimal("10.08"), 28, 30, 10, "EUR", Rounding.LINE).negate();
        assertThat(lineCredit.subtotal().toPlainString()).isEqualTo("-94.08");
    }

    @Test
    @DisplayName("R14: impossible prorations are refused rather than billed")
    void invalidProration() {
        assertThatThrownBy(() -> Money.prorate(BigDecimal.ONE, 0, 30, 1, "EUR", Rounding.UNIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.prorate(BigDecimal.ONE, 31, 30, 1, "EUR", Rounding.UNIT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("R14: JPY has no minor digits: a seat increase in yen is truncated to whole yen in both modes")
    void yenSeatChange() {
        for (Rounding mode : Rounding.values()) {
            // S 2026-10-03, cycle 10-03..11-02 (31 days); 20 -> 25 seats on 10-24: 10 days left
            Facts f = Facts.subscription("2026-10-03T08:00:00Z").currency("JPY").price("1200").quantity(20)
                    .version("2026-10-03T08:00:00Z").activated("2026-10-03T09:00:00Z").quantity(25)
                    .version("2026-10-24T10:00:00Z");
            List<InvoiceLine> lines = f.runEachDay("2026-10-03", "2026-10-24", mode);
            String expected = mode == Rounding.UNIT
                    ? "new 2026-10-03..2026-11-02 q20 24000 | addQuantity 2026-10-24..2026-11-02 q20 -7740"
                    + " | addQuantity 2026-10-24..2026-11-02 q25 9675"
                    : "new 2026-10-03..2026-11-02 q20 24000 | addQuantity 2026-10-24..2026-11-02 q20 -7741"
                    + " | addQuantity 2026-10-24..2026-11-02 q25 9677";
            assertThat(Show.lines(lines)).as(mode.name()).isEqualTo(expected);
            assertThat(lines).allMatch(l -> l.subtotal().scale() == 0 && l.currency().equals("JPY"));
        }
    }

    @Test
    @DisplayName("R14: line mode prints the EUP with 6 decimals and truncates the line once (E3 on a whole subscription)")
    void lineModeOnAPair() {
        Facts f = Facts.subscription("2022-03-05T08:00:00Z").price("12.00").version("2022-03-05T08:00:00Z")
                .activated("2022-03-05T09:00:00Z").quantity(15).version("2022-03-07T10:00:00Z");
        List<InvoiceLine> lines = f.runEachDay("2022-03-05", "2022-03-07", Rounding.LINE);
        assertThat(lines.get(1).effectiveUnitPrice().toPlainString()).isEqualTo("-11.225806");
        assertThat(lines.get(2).effectiveUnitPrice().toPlainString()).isEqualTo("11.225806");
        assertThat(lines.get(2).subtotal().toPlainString()).isEqualTo("168.38");
    }

    @Test
    @DisplayName("R15: every line carries the subscription's one currency")
    void oneCurrency() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").currency("USD").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z").quantity(11).version("2025-03-20T10:00:00Z");
        assertThat(f.runEachDay("2025-03-10", "2025-05-10", Rounding.UNIT))
                .allMatch(l -> l.currency().equals("USD") && l.invoiceNumber().endsWith("-cust-1-USD"));
    }

    @Test
    @DisplayName("R14: a full cycle, prorated without the division, gives the division's amounts, values and scales")
    void fullCycleWithoutDivision() {
        long seed = System.nanoTime();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        String[] currencies = {"EUR", "JPY", "BHD", "USD"};
        for (int i = 0; i < 20_000; i++) {
            BigDecimal price = BigDecimal.valueOf(r.nextLong(0, 100_000_000), r.nextInt(0, 9));
            int quantity = r.nextInt(1, 5_000);
            int days = r.nextInt(1, 367);
            String currency = currencies[r.nextInt(currencies.length)];
            for (Rounding rounding : Rounding.values()) {
                Money.Amount fast = Money.prorate(price, days, days, quantity, currency, rounding);
                Money.Amount divided = Money.dividing(price, days, days, quantity, Money.minorDigits(currency), rounding);
                assertThat(fast).as("seed %d: %s x %d %s %s", seed, price, quantity, currency, rounding)
                        .isEqualTo(divided); // record equals: BigDecimal.equals, so the scales too
            }
        }
    }
}
