package com.marketplacebilling.batch;

/** The nightly job's steps, by the names the job repository, the logs and {@code bin/billing status} show. */
public enum BillingStep {
    CHECK_FEEDS("checkFeeds"),
    LOAD_COMMERCE("loadCommerce"),
    LOAD_FULFILLMENT("loadFulfillment"),
    /** The manager of the bill step: it runs the slices ({@link #BILL_SLICE}) and bills nothing itself. */
    BILL("bill"),
    /** One slice of the bill step; its executions are named {@code billSlice:slice0}, {@code billSlice:slice1}... */
    BILL_SLICE("billSlice"),
    PUBLISH("publish");

    private final String stepName;

    BillingStep(String stepName) { this.stepName = stepName; }

    public String stepName() { return stepName; }

    /** True for an execution of this step (a slice's execution name carries a suffix after ':'). */
    public boolean named(String executionName) {
        return executionName.equals(stepName) || executionName.startsWith(stepName + ":");
    }
}
