package com.marketplacebilling.ledger;

/**
 * One of {@code count} disjoint slices of the subscriptions, by a hash of the subscription id: slice {@code index}
 * holds the ids whose PostgreSQL {@code hashtext} falls in it. Hash slices are balanced whatever the id scheme,
 * and every subscription's facts, lines and review row belong to exactly one slice, so slices bill in parallel
 * without touching each other's rows.
 */
public record SubscriptionSlice(int index, int count) {
    public static final SubscriptionSlice ALL = new SubscriptionSlice(0, 1);

    public SubscriptionSlice {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("slice " + index + " of " + count);
        }
    }

    /** An SQL condition on {@code column} (empty for the whole book); the numbers are ours, never user text. */
    String condition(String column) {
        return count == 1 ? "" : " AND (hashtext(" + column + ") & 2147483647) % " + count + " = " + index;
    }

    @Override
    public String toString() { return (index + 1) + " of " + count; }
}
