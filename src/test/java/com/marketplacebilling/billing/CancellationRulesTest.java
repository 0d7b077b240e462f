package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.UNSUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R10: the cancellation window, full refunds in window, billing to term end out of window, no reactivation. */
class CancellationRulesTest {

    private static Facts ordered(String orderedAt, boolean annual) {
        Facts f = Facts.subscription(orderedAt);
        if (annual) f.annual().price("120.96");
        return f.version(orderedAt).activated(orderedAt);
    }

    /** Runs S and the cancellation date; true when the subscription nets to zero via cancelImmediate. */
    private static boolean refunded(Facts f, String cancelledAt) {
        f.run(f.orderedAt.toString().substring(0, 10));
        f.cancel(cancelledAt);
        BillingResult r = f.run(cancelledAt.substring(0, 10));
        boolean reversed = r.lines().stream().anyMatch(l -> l.chargeType() == ChargeType.CANCEL_IMMEDIATE);
        if (reversed) {
            assertThat(f.net()).isEqualByComparingTo("0");
            assertThat(Show.codes(r)).doesNotContain(ExceptionCode.CANCELLED_OUTSIDE_WINDOW);
        } else {
            assertThat(Show.codes(r)).contains(ExceptionCode.CANCELLED_OUTSIDE_WINDOW);
        }
        return reversed;
    }

    @ParameterizedTest(name = "R10: ordered {0}, cancelled {1} ({2}): in window = {3}")
    @CsvSource({
            "2025-03-01T10:00:00Z, 2025-03-04T09:59:00Z, '72 h era, 71 h 59 min', true",
            "2025-03-01T10:00:00Z, 2025-03-04T10:00:00Z, '72 h era, exactly 72 h', false",
            "2025-03-01T10:00:00Z, 2025-03-04T10:01:00Z, '72 h era, 72 h 1 min', false",
            "2021-06-01T10:00:00Z, 2021-06-02T09:59:00Z, 'legacy monthly, 23 h 59 min', true",
            "2021-06-01T10:00:00Z, 2021-06-02T10:00:00Z, 'legacy monthly, exactly 24 h', false",
            "2021-06-01T10:00:00Z, 2021-06-02T10:01:00Z, 'legacy monthly, 24 h 1 min', false",
    })
    void monthlyWindows(String orderedAt, String cancelledAt, String what, boolean inWindow) {
        assertThat(refunded(ordered(orderedAt, false), cancelledAt)).as(what).isEqualTo(inWindow);
    }

    @ParameterizedTest(name = "R10: annual, ordered {0}, cancelled {1} ({2}): in window = {3}")
    @CsvSource({
            "2021-06-01T10:00:00Z, 2021-06-15T09:59:00Z, 'legacy annual, 13 d 23 h 59 min', true",
            "2021-06-01T10:00:00Z, 2021-06-15T10:00:00Z, 'legacy annual, exactly 14 d', false",
            "2021-06-01T10:00:00Z, 2021-06-15T10:01:00Z, 'legacy annual, 14 d 1 min', false",
            "2025-06-01T10:00:00Z, 2025-06-04T09:59:00Z, '72 h era annual, 71 h 59 min', true",
            "2025-06-01T10:00:00Z, 2025-06-05T10:00:00Z, '72 h era annual, 4 d (a legacy window would allow it)', false",
    })
    void annualWindows(String orderedAt, String cancelledAt, String what, boolean inWindow) {
        assertThat(refunded(ordered(orderedAt, true), cancelledAt)).as(what).isEqualTo(inWindow);
    }

    @ParameterizedTest(name = "R10: the window is chosen by ordered_at against legacy-until: ordered {0} -> {1} window")
    @CsvSource({
            "2021-12-31T23:59:00Z, '24 h'",
            "2022-01-01T00:00:00Z, '72 h'",
            "2022-01-01T00:01:00Z, '72 h'",
    })
    void legacyCutOver(String orderedAt, String window) {
        Instant legacyUntil = BillingPolicy.DEFAULT_LEGACY_UNTIL;
        Instant o = Instant.parse(orderedAt);
        assertThat(CancellationWindow.length(o, BillingFrequency.MONTHLY, legacyUntil))
                .hasToString(window.equals("24 h") ? "PT24H" : "PT72H");
        // cancelled after 25 h: refunded only in the 72-hour era
        String cancelled = o.plusSeconds(25 * 3600).toString();
        assertThat(refunded(ordered(orderedAt, false), cancelled)).isEqualTo(window.equals("72 h"));
    }

    @Test
    @DisplayName("R10: the legacy cut-over is configurable: with legacy-until 2021-01-01 a 2021 order gets 72 hours")
    void configurableCutOver() {
        Facts f = ordered("2021-06-01T10:00:00Z", false);
        BillingPolicy policy = new BillingPolicy(Rounding.UNIT, Instant.parse("2021-01-01T00:00:00Z"));
        f.run("2021-06-01", null, policy);
        f.cancel("2021-06-03T10:00:00Z");
        BillingResult r = f.run("2021-06-03", "2021-06-02", policy);
        assertThat(r.lines()).singleElement().extracting(InvoiceLine::chargeType).isEqualTo(ChargeType.CANCEL_IMMEDIATE);
    }

    @Test
    @DisplayName("R10: in window, every line billed so far (charges and credits) is reversed by one cancelImmediate each, net exactly zero")
    void inWindowReversesChargesAndCredits() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").price("31.00").version("2025-03-01T10:00:00Z")
                .activated("2025-03-01T11:00:00Z").quantity(12).version("2025-03-02T10:00:00Z");
        f.run("2025-03-01");
        f.run("2025-03-02", "2025-03-01", Rounding.UNIT);
        f.cancel("2025-03-03T10:00:00Z");
        List<InvoiceLine> reversal = f.run("2025-03-03", "2025-03-02", Rounding.UNIT).lines();
        assertThat(reversal).hasSize(3).allMatch(l -> l.chargeType() == ChargeType.CANCEL_IMMEDIATE);
        for (InvoiceLine r : reversal) {
            InvoiceLine original = f.billed.stream().filter(l -> l.lineId().equals(r.referenceId())).findFirst()
                    .orElseThrow();
            assertThat(r.subtotal()).isEqualByComparingTo(original.subtotal().negate());
            assertThat(r.effectiveUnitPrice()).isEqualByComparingTo(original.effectiveUnitPrice().negate());
            assertThat(r.quantity()).isEqualTo(original.quantity());
            assertThat(r.chargeStartDate()).isEqualTo(original.chargeStartDate());
            assertThat(r.chargeEndDate()).isEqualTo(original.chargeEndDate());
            assertThat(r.orderDate()).hasToString("2025-03-03");
        }
        assertThat(f.net()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(f.runEachDay("2025-03-04", "2025-04-05", Rounding.UNIT)).as("nothing more, no renewal").isEmpty();
    }

    @Test
    @DisplayName("R10: an in-window cancellation that arrives late still reverses everything on the night it arrives")
    void inWindowCancellationArrivingLate() {
        Facts f = ordered("2025-03-01T10:00:00Z", false);
        f.runEachDay("2025-03-01", "2025-03-05", Rounding.UNIT);
        f.arriving("2025-03-06").cancel("2025-03-02T10:00:00Z");
        BillingResult r = f.run("2025-03-06", "2025-03-05", Rounding.UNIT);
        assertThat(r.lines()).singleElement().satisfies(l -> {
            assertThat(l.chargeType()).isEqualTo(ChargeType.CANCEL_IMMEDIATE);
            assertThat(l.orderDate()).hasToString("2025-03-02");
        });
        assertThat(Show.codes(r)).contains(ExceptionCode.LATE_EVENT);
        assertThat(f.net()).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("R10: cancelled before S (before both publisher facts): no lines ever")
    void cancelledBeforeStart() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").status(CommerceStatus.PENDING)
                .version("2025-03-01T10:00:00Z").cancel("2025-03-02T10:00:00Z")
                .activated("2025-03-03T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-01", "2025-04-10");
        assertThat(Show.allLines(nights)).isEmpty();
    }

    @Test
    @DisplayName("R10: out of window on an annual term billed monthly: no credit, cycleCharges until the term end, no renewal, INFO once")
    void outOfWindowBillsToTermEnd() {
        Facts f = Facts.subscription("2025-03-01T10:00:00Z").annualBilledMonthly().version("2025-03-01T10:00:00Z")
                .activated("2025-03-01T11:00:00Z").cancel("2025-05-15T10:00:00Z")
                .event(UNSUBSCRIBE, "2025-05-15T10:05:00Z");
        List<BillingResult> nights = f.nights("2025-03-01", "2026-04-01");
        List<InvoiceLine> lines = Show.allLines(nights);
        assertThat(lines).hasSize(12).noneMatch(InvoiceLine::isCredit);
        assertThat(lines.get(11).chargeEndDate()).hasToString("2026-02-28");
        assertThat(Show.codes(nights)).containsExactly(ExceptionCode.CANCELLED_OUTSIDE_WINDOW);
    }

    @Test
    @DisplayName("R10: a version with another status after a cancellation raises REACTIVATION_REFUSED and is not applied")
    void reactivationRefused() {
        Facts f = ordered("2025-03-01T10:00:00Z", false).cancel("2025-03-10T10:00:00Z")
                .event(UNSUBSCRIBE, "2025-03-10T10:05:00Z");
        f.status(CommerceStatus.ACTIVE).autoRenew(true).quantity(20).version("2025-03-12T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-01", "2025-04-15");
        assertThat(Show.codes(nights)).containsExactly(ExceptionCode.CANCELLED_OUTSIDE_WINDOW,
                ExceptionCode.REACTIVATION_REFUSED);
        assertThat(Show.lines(Show.allLines(nights))).as("no pair for the refused 20 seats, no renewal")
                .isEqualTo("new 2025-03-01..2025-03-31 q10 100.80");
        BillingException refused = nights.stream().flatMap(r -> r.exceptions().stream())
                .filter(e -> e.code() == ExceptionCode.REACTIVATION_REFUSED).findFirst().orElseThrow();
        assertThat(refused.expected()).isEqualTo("cancelled");
        assertThat(refused.actual()).isEqualTo("active");
        assertThat(refused.sourceLine()).isPositive();
    }
}
