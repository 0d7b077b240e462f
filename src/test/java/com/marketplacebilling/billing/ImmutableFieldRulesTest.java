package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R12 (immutable fields) and R18 (quarantine while an R12 error lasts; one subscription never blocks another). */
class ImmutableFieldRulesTest {

    private static Facts billed() {
        return Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z");
    }

    private static UnaryOperator<Facts> change(String field) {
        return switch (field) {
            case "order_id" -> f -> f.orderId("ord-2");
            case "customer_id" -> f -> f.customer("cust-2");
            case "ordered_at" -> f -> f.orderedAt("2025-03-10T08:00:01Z");
            case "term" -> f -> f.frequency(Term.P1Y, BillingFrequency.MONTHLY);
            case "billing_frequency" -> f -> f.frequency(Term.P1Y, BillingFrequency.ANNUAL);
            case "currency" -> f -> f.currency("USD");
            default -> throw new IllegalArgumentException(field);
        };
    }

    @ParameterizedTest(name = "R12: a version changing {0} raises {1} (ERROR), is not applied, and quarantines the subscription")
    @CsvSource({
            "order_id, IMMUTABLE_FIELD_CHANGED, ord-1, ord-2",
            "customer_id, IMMUTABLE_FIELD_CHANGED, cust-1, cust-2",
            "ordered_at, IMMUTABLE_FIELD_CHANGED, 2025-03-10T08:00:00Z, 2025-03-10T08:00:01Z",
            "term, IMMUTABLE_FIELD_CHANGED, P1M, P1Y",
            "currency, CURRENCY_CHANGED, EUR, USD",
    })
    void immutableFieldChangeQuarantines(String field, ExceptionCode code, String expected, String actual) {
        Facts f = billed();
        f.run("2025-03-10");
        change(field).apply(f).quantity(12).version("2025-03-20T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-20", "2025-04-15");
        assertThat(Show.codes(nights)).as("raised once, on the row's date").containsExactly(code);
        BillingException e = nights.get(0).exceptions().get(0);
        assertThat(e.severity()).isEqualTo(Severity.ERROR);
        assertThat(e.expected()).isEqualTo(expected);
        assertThat(e.actual()).isEqualTo(actual);
        assertThat(e.sourceFile()).isEqualTo(SourceRef.COMMERCE_FILE);
        assertThat(Show.allLines(nights)).as("quarantined: no pair and no renewal on 04-10").isEmpty();
    }

    @Test
    @DisplayName("R12: a billing_frequency change (P1Y monthly -> annual) raises IMMUTABLE_FIELD_CHANGED, not CURRENCY_CHANGED")
    void billingFrequencyChange() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z");
        f.run("2025-03-10");
        change("billing_frequency").apply(f).version("2025-03-20T10:00:00Z");
        BillingResult r = f.run("2025-03-20", "2025-03-19", Rounding.UNIT);
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.IMMUTABLE_FIELD_CHANGED);
        assertThat(r.exceptions().get(0).expected()).isEqualTo("monthly");
        assertThat(r.exceptions().get(0).actual()).isEqualTo("annual");
    }

    @Test
    @DisplayName("R12, R18: a later version agreeing with the stored values clears the quarantine; the missed renewal and pair are billed then with their true dates")
    void quarantineReleased() {
        Facts f = billed().price("30.00").version("2025-03-10T08:30:00Z");
        f.run("2025-03-10");
        f.currency("USD").version("2025-04-05T10:00:00Z");
        List<BillingResult> quarantined = f.nights("2025-04-05", "2025-04-19");
        assertThat(Show.allLines(quarantined)).isEmpty();
        f.currency("EUR").quantity(12).version("2025-04-20T10:00:00Z");
        BillingResult released = f.run("2025-04-20", "2025-04-19", Rounding.UNIT);
        assertThat(Show.lines(released.lines())).isEqualTo("renew 2025-04-10..2025-05-09 q10 300.00"
                + " | addQuantity 2025-04-20..2025-05-09 q10 -200.00 | addQuantity 2025-04-20..2025-05-09 q12 240.00");
        assertThat(released.lines().get(0).orderDate()).hasToString("2025-04-10");
        assertThat(Show.codes(released)).doesNotContain(ExceptionCode.CURRENCY_CHANGED);
    }

    @Test
    @DisplayName("R12: the quarantine ends only when a later version agrees: a second wrong version keeps it, a right one ends it")
    void secondWrongVersionKeepsQuarantine() {
        Facts f = billed();
        f.run("2025-03-10");
        f.orderId("ord-2").version("2025-04-05T10:00:00Z").orderId("ord-3").version("2025-04-07T10:00:00Z");
        assertThat(f.nights("2025-04-05", "2025-04-12").stream().flatMap(r -> r.lines().stream())).isEmpty();
        f.orderId("ord-1").version("2025-04-13T10:00:00Z");
        assertThat(Show.lines(f.run("2025-04-13", "2025-04-12", Rounding.UNIT).lines()))
                .isEqualTo("renew 2025-04-10..2025-05-09 q10 100.80");
    }

    @Test
    @DisplayName("R12: descriptive fields (name, plan, friendly name) are not immutable: no error")
    void descriptiveFieldsMayChange() {
        Facts f = billed();
        f.run("2025-03-10");
        f.friendly("CRM Gold").version("2025-03-20T10:00:00Z");
        assertThat(Show.codes(f.run("2025-03-20", "2025-03-19", Rounding.UNIT))).isEmpty();
    }

    @Test
    @DisplayName("R18: the engine bills each subscription from its own history: a quarantined one does not change another's lines")
    void oneBadSubscriptionNeverBlocksOthers() {
        Facts good = billed();
        Facts bad = new Facts("sub-2", "2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z").currency("USD").version("2025-03-10T10:00:00Z");
        BillingEngine engine = new BillingEngine();
        RunContext ctx = RunContext.of(java.time.LocalDate.parse("2025-04-10"), BillingPolicy.defaults());
        BillingResult alone = engine.bill(good.historyAsOf(ctx.businessDate()), ctx);
        BillingResult quarantined = engine.bill(bad.historyAsOf(ctx.businessDate()), ctx);
        BillingResult after = engine.bill(good.historyAsOf(ctx.businessDate()), ctx);
        assertThat(quarantined.lines()).isEmpty();
        assertThat(Show.codes(quarantined)).contains(ExceptionCode.CURRENCY_CHANGED);
        assertThat(after.lines()).hasSize(2).isEqualTo(alone.lines());
    }
}
