package com.marketplacebilling.billing;

import java.time.Duration;
import java.time.Instant;

/**
 * R10: the refund window is chosen by when the order was placed. Legacy orders: 24 hours when billed
 * monthly, 14 days when billed annually; orders from the cut-over on: 72 hours.
 */
public final class CancellationWindow {
    private CancellationWindow() {}

    public static Duration length(Instant orderedAt, BillingFrequency frequency, Instant legacyUntil) {
        if (orderedAt.isBefore(legacyUntil)) {
            return frequency == BillingFrequency.MONTHLY ? Duration.ofHours(24) : Duration.ofDays(14);
        }
        return Duration.ofHours(72);
    }

    /** In window when strictly less than the window has passed since the order. */
    public static boolean isInWindow(Instant orderedAt, Instant cancelledAt, BillingFrequency frequency,
                                     Instant legacyUntil) {
        return Duration.between(orderedAt, cancelledAt).compareTo(length(orderedAt, frequency, legacyUntil)) < 0;
    }
}
