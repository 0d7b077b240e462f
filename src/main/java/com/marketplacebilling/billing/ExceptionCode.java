package com.marketplacebilling.billing;

import java.util.EnumSet;
import java.util.Set;

/** The exception catalogue, each code with its fixed severity. */
public enum ExceptionCode {
    MALFORMED_ROW(Severity.ERROR),
    FEED_COLUMNS_IGNORED(Severity.INFO),
    INVALID_RESELLER_MPN_ID(Severity.WARNING),
    INVALID_CUSTOMER_COUNTRY(Severity.WARNING),
    UNKNOWN_SUBSCRIPTION(Severity.ERROR),
    DUPLICATE_EVENT(Severity.INFO),
    CONFLICTING_EVENT(Severity.ERROR),
    PUBLISHER_MISMATCH(Severity.ERROR),
    FULFILLMENT_FAILED(Severity.WARNING),
    LATE_EVENT(Severity.INFO),
    PENDING_ACTIVATION_TIMEOUT(Severity.WARNING),
    PRICE_CHANGED_MID_TERM(Severity.WARNING),
    CANCELLED_OUTSIDE_WINDOW(Severity.INFO),
    REACTIVATION_REFUSED(Severity.ERROR),
    IMMUTABLE_FIELD_CHANGED(Severity.ERROR),
    CURRENCY_CHANGED(Severity.ERROR),
    SUSPENDED_OVER_GRACE(Severity.WARNING),
    QUANTITY_MISMATCH(Severity.WARNING),
    PLAN_MISMATCH(Severity.WARNING),
    STATUS_MISMATCH(Severity.WARNING);

    /** Codes whose row is counted as rejected in the manifest (feeds.md, Output 3). */
    public static final Set<ExceptionCode> REJECTING = EnumSet.of(MALFORMED_ROW, DUPLICATE_EVENT,
            CONFLICTING_EVENT, PUBLISHER_MISMATCH, REACTIVATION_REFUSED, IMMUTABLE_FIELD_CHANGED, CURRENCY_CHANGED);

    private final Severity severity;

    ExceptionCode(Severity severity) { this.severity = severity; }

    public Severity severity() { return severity; }
}
