package com.marketplacebilling.billing;

import java.util.Locale;

/** Status of a fulfillment operation; only SUCCEEDED changes state. Matched case-insensitively. */
public enum OperationStatus {
    SUCCEEDED("Succeeded"), IN_PROGRESS("InProgress"), FAILED("Failed");

    private final String feedName;

    OperationStatus(String feedName) { this.feedName = feedName; }

    public String feedName() { return feedName; }

    public static OperationStatus parse(String s) {
        String wanted = s.toLowerCase(Locale.ROOT);
        for (OperationStatus v : values()) {
            if (v.feedName.toLowerCase(Locale.ROOT).equals(wanted)) return v;
        }
        throw new IllegalArgumentException("unknown status");
    }
}
