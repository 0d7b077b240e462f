package com.marketplacebilling.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the commerce feed: the state of a subscription as of {@code updatedAt}.
 * Optional text columns are empty strings, never null; {@code cancelledAt} is null unless cancelled.
 */
public record CommerceVersion(
        String subscriptionId,
        String orderId,
        String customerId,
        String customerName,
        String customerCountry,
        String resellerMpnId,
        String publisherId,
        String publisherName,
        String offerId,
        String planId,
        String friendlyName,
        int quantity,
        BigDecimal unitPrice,
        String currency,
        Term term,
        BillingFrequency billingFrequency,
        boolean autoRenew,
        CommerceStatus status,
        Instant orderedAt,
        Instant updatedAt,
        Instant cancelledAt,
        SourceRef source) {

    /** Identity of the fact itself (every column, not where it came from): identical rows are one fact (R17). */
    public String contentKey() {
        return Hashes.key(subscriptionId, orderId, customerId, customerName, customerCountry, resellerMpnId,
                publisherId, publisherName, offerId, planId, friendlyName, Integer.toString(quantity),
                unitPrice.toPlainString(), currency, term.name(), billingFrequency.name(),
                Boolean.toString(autoRenew), status.name(), orderedAt.toString(), updatedAt.toString(),
                cancelledAt == null ? "" : cancelledAt.toString());
    }

    /**
     * The same identity as {@link #contentKey()} without hashing (equal exactly when the keys are): what the
     * billing core compares, for every version of every subscription it bills.
     */
    public Object content() {
        return java.util.Arrays.asList(subscriptionId, orderId, customerId, customerName, customerCountry,
                resellerMpnId, publisherId, publisherName, offerId, planId, friendlyName, quantity,
                unitPrice.toPlainString(), currency, term, billingFrequency, autoRenew, status, orderedAt, updatedAt,
                cancelledAt);
    }
}
