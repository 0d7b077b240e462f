package com.marketplacebilling.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.reconcile.ReconKey.Direction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The matching table of docs/reconciliation.md, code by code. */
class ReconMatcherTest {
    static final YearMonth OCT = YearMonth.of(2026, 10);
    static final LocalDate START = LocalDate.of(2026, 10, 5);
    static final LocalDate END = LocalDate.of(2026, 11, 4);

    static ReconKey key(String sub, ChargeType type, String amount, int qty) {
        return new ReconKey(sub, type, START, END, new BigDecimal(amount).signum() < 0 ? Direction.CREDIT : Direction.CHARGE, qty);
    }

    static MicrosoftRow ms(long line, String sub, ChargeType type, String amount, int qty) {
        return new MicrosoftRow("a.csv", line, key(sub, type, amount, qty), "C1", new BigDecimal(amount), "USD",
                null, null, null, "G001", "R" + line);
    }

    static OurLine ours(String id, String sub, ChargeType type, String amount, int qty, YearMonth month, String other) {
        return new OurLine(id, "INV-" + month, month, key(sub, type, amount, qty), "C1", new BigDecimal(amount), "USD",
                other == null ? null : new BigDecimal(other));
    }

    static List<ReconResult> run(List<MicrosoftRow> m, List<OurLine> o, Map<String, SubscriptionFacts> facts) {
        List<ReconResult> out = new ArrayList<>();
        new ReconMatcher(OCT, s -> facts.getOrDefault(s, SubscriptionFacts.UNKNOWN)).match(m.iterator(), o.iterator(), out::add);
        return out;
    }

    @Test
    void sameKeyAndAmountOnThisMonthsInvoiceIsMatched() {
        List<ReconResult> r = run(List.of(ms(2, "S1", ChargeType.NEW, "10.00", 1)),
                List.of(ours("L1", "S1", ChargeType.NEW, "10.00", 1, OCT, null)), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(ReconStatus.MATCHED);
            assertThat(x.code()).isNull();
        });
    }

    @Test
    void recon_other_month_when_our_line_is_on_another_invoice() {
        List<ReconResult> r = run(List.of(ms(2, "S1", ChargeType.NEW, "10.00", 1)),
                List.of(ours("L1", "S1", ChargeType.NEW, "10.00", 1, YearMonth.of(2026, 11), null)), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(ReconStatus.MATCHED);
            assertThat(x.code()).isEqualTo(ReconCode.RECON_OTHER_MONTH);
            assertThat(x.message()).contains("2026-11");
        });
    }

    @Test
    void unpairedLineOfAnotherMonthIsNotReported() {
        assertThat(run(List.of(), List.of(ours("L1", "S1", ChargeType.NEW, "10.00", 1, YearMonth.of(2026, 9), null)), Map.of()))
                .isEmpty();
    }

    @Test
    void recon_rounding_in_both_modes() {
        // 10.00 a month, 7 of 31 days, 3 seats: unit mode 2.25 × 3 = 6.75, line mode 210/31 = 6.77
        BigDecimal unit = OtherMode.subtotal(new BigDecimal("10.00"), 7, 31, 3, "USD", Rounding.LINE, false);
        BigDecimal line = OtherMode.subtotal(new BigDecimal("10.00"), 7, 31, 3, "USD", Rounding.UNIT, false);
        assertThat(unit).isEqualByComparingTo("6.75");
        assertThat(line).isEqualByComparingTo("6.77");
        // we billed in line mode, Microsoft in unit mode
        List<ReconResult> r = run(List.of(ms(2, "S1", ChargeType.ADD_QUANTITY, "6.75", 3)),
                List.of(ours("L1", "S1", ChargeType.ADD_QUANTITY, "6.77", 3, OCT, unit.toPlainString())), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(ReconStatus.AMOUNT_DIFFERS);
            assertThat(x.code()).isEqualTo(ReconCode.RECON_ROUNDING);
            assertThat(x.difference()).isEqualByComparingTo("-0.02");
        });
        // we billed in unit mode, Microsoft in line mode
        r = run(List.of(ms(2, "S1", ChargeType.ADD_QUANTITY, "6.77", 3)),
                List.of(ours("L1", "S1", ChargeType.ADD_QUANTITY, "6.75", 3, OCT, line.toPlainString())), Map.of());
        assertThat(r).singleElement().extracting(ReconResult::code).isEqualTo(ReconCode.RECON_ROUNDING);
    }

    @Test
    void recon_amount_mismatch_otherwise() {
        List<ReconResult> r = run(List.of(ms(2, "S1", ChargeType.NEW, "12.00", 1)),
                List.of(ours("L1", "S1", ChargeType.NEW, "10.00", 1, OCT, "10.00")), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(ReconCode.RECON_AMOUNT_MISMATCH);
            assertThat(x.severity()).hasToString("ERROR");
            assertThat(x.difference()).isEqualByComparingTo("2.00");
        });
    }

    @Test
    void equalKeysPairOneToOneInOrder_twoSeatChangesOnOneDay() {
        List<ReconResult> r = run(
                List.of(ms(2, "S1", ChargeType.ADD_QUANTITY, "5.00", 1), ms(3, "S1", ChargeType.ADD_QUANTITY, "5.00", 1),
                        ms(4, "S1", ChargeType.ADD_QUANTITY, "5.00", 1)),
                List.of(ours("L1", "S1", ChargeType.ADD_QUANTITY, "5.00", 1, OCT, null),
                        ours("L2", "S1", ChargeType.ADD_QUANTITY, "5.00", 1, OCT, null)),
                Map.of("S1", new SubscriptionFacts(true, START, START)));
        assertThat(r).extracting(ReconResult::status)
                .containsExactly(ReconStatus.MATCHED, ReconStatus.MATCHED, ReconStatus.ONLY_MICROSOFT);
        assertThat(r.get(0).ours().lineId()).isEqualTo("L1");
        assertThat(r.get(1).ours().lineId()).isEqualTo("L2");
        assertThat(r.get(2).code()).isEqualTo(ReconCode.RECON_MISSING_IN_OURS);
        assertThat(r.get(2).microsoft().line()).isEqualTo(4);
    }

    @Test
    void creditAndChargeNeverPair() {
        List<ReconResult> r = run(List.of(ms(2, "S1", ChargeType.REMOVE_QUANTITY, "-5.00", 1)),
                List.of(ours("L1", "S1", ChargeType.REMOVE_QUANTITY, "5.00", 1, OCT, null)),
                Map.of("S1", new SubscriptionFacts(true, START, START)));
        // charge sorts before credit
        assertThat(r).extracting(ReconResult::code)
                .containsExactly(ReconCode.RECON_MISSING_IN_MICROSOFT, ReconCode.RECON_MISSING_IN_OURS);
    }

    @Test
    void recon_billed_before_activation_says_when_the_facts_arrived() {
        List<ReconResult> r = run(List.of(ms(2, "S1", ChargeType.NEW, "10.00", 1), ms(3, "S2", ChargeType.NEW, "10.00", 1)), List.of(),
                Map.of("S1", new SubscriptionFacts(true, START, LocalDate.of(2026, 10, 9)),
                        "S2", new SubscriptionFacts(true, null, null)));
        assertThat(r).extracting(ReconResult::code).containsOnly(ReconCode.RECON_BILLED_BEFORE_ACTIVATION);
        assertThat(r.get(0).message()).contains("LicensesAssigned arrived 2026-10-05", "Activate arrived 2026-10-09", "credit");
        assertThat(r.get(1).message()).contains("LicensesAssigned never arrived", "Activate never arrived");
    }

    @Test
    void recon_unknown_subscription_wins_over_before_activation() {
        List<ReconResult> r = run(List.of(ms(2, "S9", ChargeType.NEW, "10.00", 1)), List.of(), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(ReconStatus.ONLY_MICROSOFT);
            assertThat(x.code()).isEqualTo(ReconCode.RECON_UNKNOWN_SUBSCRIPTION);
        });
    }

    @Test
    void recon_missing_in_ours_when_activated_but_no_line() {
        List<ReconResult> r = run(List.of(ms(2, "S1", ChargeType.NEW, "10.00", 1)), List.of(),
                Map.of("S1", new SubscriptionFacts(true, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2))));
        assertThat(r).singleElement().extracting(ReconResult::code).isEqualTo(ReconCode.RECON_MISSING_IN_OURS);
    }

    @Test
    void recon_missing_in_microsoft_for_this_months_line() {
        List<ReconResult> r = run(List.of(), List.of(ours("L1", "S1", ChargeType.NEW, "10.00", 1, OCT, null)), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(ReconStatus.ONLY_OURS);
            assertThat(x.code()).isEqualTo(ReconCode.RECON_MISSING_IN_MICROSOFT);
            assertThat(x.severity()).hasToString("WARNING");
        });
    }

    @Test
    void currencyConversionThroughPricingCurrency() {
        // Microsoft billed in EUR, priced in USD: 3.339999 × 3 = 10.019997 truncated to 10.01 USD
        MicrosoftRow m = new MicrosoftRow("a.csv", 2, key("S1", ChargeType.NEW, "9.20", 3), "C1", new BigDecimal("9.20"), "EUR",
                new BigDecimal("3.339999"), "USD", "0.918", "G001", "R2");
        List<ReconResult> r = run(List.of(m), List.of(ours("L1", "S1", ChargeType.NEW, "10.01", 3, OCT, null)), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(ReconStatus.MATCHED);
            assertThat(x.currency()).isEqualTo("USD");
            assertThat(x.microsoftCompared()).isEqualByComparingTo("10.01");
            assertThat(x.message()).contains("9.20 EUR", "0.918");
        });
    }

    @Test
    void creditConvertedThroughPricingCurrencyKeepsItsSign() {
        // a credit billed in EUR, priced in USD: −(3.339999 × 3) truncated to −10.01 USD matches our −10.01 credit
        MicrosoftRow m = new MicrosoftRow("a.csv", 3, key("S1", ChargeType.NEW, "-9.20", 3), "C1", new BigDecimal("-9.20"), "EUR",
                new BigDecimal("3.339999"), "USD", "0.918", "G001", "R3");
        List<ReconResult> r = run(List.of(m), List.of(ours("L1", "S1", ChargeType.NEW, "-10.01", 3, OCT, null)), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(ReconStatus.MATCHED);
            assertThat(x.microsoftCompared()).isEqualByComparingTo("-10.01");
        });
    }

    @Test
    void recon_currency_mismatch_when_neither_currency_is_ours() {
        MicrosoftRow m = new MicrosoftRow("a.csv", 2, key("S1", ChargeType.NEW, "9.20", 1), "C1", new BigDecimal("9.20"), "EUR",
                new BigDecimal("9.20"), "EUR", "1", "G001", "R2");
        List<ReconResult> r = run(List.of(m), List.of(ours("L1", "S1", ChargeType.NEW, "10.00", 1, OCT, null)), Map.of());
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.status()).isEqualTo(ReconStatus.AMOUNT_DIFFERS);
            assertThat(x.code()).isEqualTo(ReconCode.RECON_CURRENCY_MISMATCH);
            assertThat(x.difference()).isNull();
            assertThat(x.message()).contains("EUR", "USD");
        });
    }
}
