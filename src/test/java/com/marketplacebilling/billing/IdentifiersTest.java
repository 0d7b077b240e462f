package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The identifier formulas have one home each; these pin their shape, because billed ids are stored and a rerun
 * must compute the same ones (R17).
 */
class IdentifiersTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 24);

    @Test
    @DisplayName("R15: one invoice per customer, currency and month; a closed month's line goes to the first open month")
    void invoiceNumbers() {
        assertThat(InvoiceNumbers.of(LocalDate.of(2026, 11, 3), null, "cust-1", "EUR")).isEqualTo("INV-202611-cust-1-EUR");
        assertThat(InvoiceNumbers.of(LocalDate.of(2026, 10, 20), YearMonth.of(2026, 11), "cust-1001", "EUR"))
                .isEqualTo("INV-202611-cust-1001-EUR");
        assertThat(InvoiceNumbers.of(LocalDate.of(2026, 12, 1), YearMonth.of(2026, 11), "c", "JPY"))
                .isEqualTo("INV-202612-c-JPY");
        assertThat(InvoiceNumbers.monthPrefix(YearMonth.of(2027, 1))).isEqualTo("INV-202701-");
        assertThat(InvoiceNumbers.of(D, null, "c", "USD")).startsWith(InvoiceNumbers.monthPrefix(YearMonth.of(2026, 11)));
    }

    @Test
    @DisplayName("exception ids: a row's by date, code, file and line; a subscription's by code, id and what it is about")
    void exceptionIds() {
        SourceRef row = new SourceRef(D, SourceRef.COMMERCE_FILE, 7);
        assertThat(ExceptionIds.ofRow(row, ExceptionCode.LATE_EVENT))
                .isEqualTo(Hashes.id("E-", "2026-11-24", "LATE_EVENT", "subscriptions.csv", "7"))
                .isEqualTo(ExceptionIds.ofRow(D, ExceptionCode.LATE_EVENT, "subscriptions.csv", 7))
                .isNotEqualTo(ExceptionIds.ofRow(D, ExceptionCode.LATE_EVENT, "subscriptions.csv", 8));
        assertThat(ExceptionIds.ofFile(D, ExceptionCode.FEED_COLUMNS_IGNORED, "subscriptions.csv"))
                .isEqualTo(Hashes.id("E-", "2026-11-24", "FEED_COLUMNS_IGNORED", "subscriptions.csv"));
        assertThat(ExceptionIds.ofSubscription(ExceptionCode.PENDING_ACTIVATION_TIMEOUT, "sub-1"))
                .isEqualTo(Hashes.id("E-", "PENDING_ACTIVATION_TIMEOUT", "sub-1"))
                .startsWith("E-").hasSize(22);
        assertThat(ExceptionIds.ofSubscription(ExceptionCode.QUANTITY_MISMATCH, "sub-1", "2026-11-24"))
                .isEqualTo(Hashes.id("E-", "QUANTITY_MISMATCH", "sub-1", "2026-11-24"));
    }

    @Test
    @DisplayName("R7, R10: line ids by what they bill; both lines of a pair differ only in direction; reversals by the reversed line")
    void lineIds() {
        LocalDate end = D.plusDays(20);
        String charge = LineIds.of("sub-1", ChargeType.ADD_QUANTITY, D, end, LineExplanation.Direction.CHARGE, "change:x");
        String credit = LineIds.of("sub-1", ChargeType.ADD_QUANTITY, D, end, LineExplanation.Direction.CREDIT, "change:x");
        assertThat(charge).isEqualTo(Hashes.id("L-", "sub-1", "addQuantity", "2026-11-24", "2026-12-14", "charge", "change:x"));
        assertThat(credit).isEqualTo(Hashes.id("L-", "sub-1", "addQuantity", "2026-11-24", "2026-12-14", "credit", "change:x"));
        assertThat(LineIds.reversal("sub-1", charge)).isEqualTo(Hashes.id("L-", "sub-1", "cancelImmediate", charge));
        assertThat(LineIds.reference("sub-1", "x")).isEqualTo(Hashes.id("R-", "sub-1", "x")).startsWith("R-");
    }
}
