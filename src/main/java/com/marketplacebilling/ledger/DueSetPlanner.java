package com.marketplacebilling.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * Which subscriptions the bill step of a date reviews (the due set: new facts, never billed, or a date the
 * billing core named has come), how they are cut into slices, and the record of each review.
 */
public interface DueSetPlanner {
    /**
     * Before a bill step: subscriptions of abandoned runs are due again, and the planner sees the rows just
     * loaded. Runs once per bill step, before its slices start.
     */
    void prepareBilling();

    /**
     * Up to {@code limit} ids of the slice after {@code afterId} (exclusive; null for the first page), in binary
     * order: every subscription when {@code date} is null, else those due for billing by {@code date} (new facts,
     * never billed, or a date the billing core named has come).
     */
    List<String> subscriptionIdsAfter(String afterId, LocalDate date, SubscriptionSlice slice, int limit);

    /**
     * Ids that cut the subscriptions due by {@code date} into about {@code parts} equal consecutive ranges (from
     * a 1% sample; fewer when few are due).
     */
    List<String> dueIdSplits(LocalDate date, int parts);

    /** Subscriptions the bill step of {@code date} will review (for progress reports). */
    long dueCount(LocalDate date);

    /**
     * Records that the run of {@code reviewedOn} billed these subscriptions, and the date each is next due
     * (null: not without new facts). One statement for the whole chunk.
     */
    void recordReviews(List<String> ids, List<LocalDate> nextDue, LocalDate reviewedOn);
}
