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
        // Hashes.key(subscriptionId, orderId, ..., orderedAt.toString(), updatedAt.toString(), cancelledAt or ""),
        // written in one buffer (a load hashes every row; ContentKeyTest compares the two)
        StringBuilder b = new StringBuilder(320);
        for (String s : new String[] {subscriptionId, orderId, customerId, customerName, customerCountry,
                resellerMpnId, publisherId, publisherName, offerId, planId, friendlyName}) {
            b.append(s).append(Hashes.SEPARATOR);
        }
        b.append(quantity).append(Hashes.SEPARATOR).append(unitPrice.toPlainString()).append(Hashes.SEPARATOR)
                .append(currency).append(Hashes.SEPARATOR).append(term.name()).append(Hashes.SEPARATOR)
                .append(billingFrequency.name()).append(Hashes.SEPARATOR).append(autoRenew).append(Hashes.SEPARATOR)
                .append(status.name()).append(Hashes.SEPARATOR);
        IsoText.appendInstant(b, orderedAt).append(Hashes.SEPARATOR);
        IsoText.appendInstant(b, updatedAt).append(Hashes.SEPARATOR);
        if (cancelledAt != null) IsoText.appendInstant(b, cancelledAt);
        return Hashes.keyOfJoined(b.append(Hashes.SEPARATOR));
    }

    /** {@link #contentKey()} as it was first written, part by part (the reference the tests compare with). */
    String contentKeyByParts() {
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
