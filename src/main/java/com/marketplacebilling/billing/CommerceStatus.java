package com.marketplacebilling.billing;

/** Partner Center's status of a subscription (feed column {@code status} of subscriptions.csv). */
public enum CommerceStatus {
    PENDING("pending"), ACTIVE("active"), SUSPENDED("suspended"), CANCELLED("cancelled");

    private final String feedName;

    CommerceStatus(String feedName) { this.feedName = feedName; }

    public String feedName() { return feedName; }

    public static CommerceStatus parse(String s) {
        for (CommerceStatus v : values()) {
            if (v.feedName.equals(s)) return v;
        }
        throw new IllegalArgumentException("status must be pending, active, suspended or cancelled");
    }
}
