package com.marketplacebilling.billing;

/** How often a charge cycle starts (feed column {@code billing_frequency}). */
public enum BillingFrequency {
    MONTHLY("monthly", 1), ANNUAL("annual", 12);

    private final String feedName;
    private final int cycleMonths;

    BillingFrequency(String feedName, int cycleMonths) {
        this.feedName = feedName;
        this.cycleMonths = cycleMonths;
    }

    public String feedName() { return feedName; }

    public int cycleMonths() { return cycleMonths; }

    public static BillingFrequency parse(String s) {
        return switch (s) {
            case "monthly" -> MONTHLY;
            case "annual" -> ANNUAL;
            default -> throw new IllegalArgumentException("billing_frequency must be monthly or annual");
        };
    }
}
