package com.marketplacebilling.ledger;

/**
 * A consecutive range of subscription ids, {@code [from, to)} in binary order (null: unbounded). The bill step
 * runs several slices in parallel: each reads, bills and writes its own key range, so the slices touch neither
 * each other's rows nor each other's index pages.
 */
public record SubscriptionSlice(String from, String to) {
    public static final SubscriptionSlice ALL = new SubscriptionSlice(null, null);

    @Override
    public String toString() {
        return "[" + (from == null ? "" : from) + ", " + (to == null ? "" : to) + ")";
    }
}
