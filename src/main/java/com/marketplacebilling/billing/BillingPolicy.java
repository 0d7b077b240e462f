package com.marketplacebilling.billing;

import java.time.Instant;

/** Configuration that changes amounts or decisions; recorded with every run. */
public record BillingPolicy(Rounding rounding, Instant cancellationLegacyUntil) {
    public static final Instant DEFAULT_LEGACY_UNTIL = Instant.parse("2022-01-01T00:00:00Z");
    /** Bumped whenever a rule change can change what is billed for the same inputs. */
    public static final String RULES_VERSION = "2026.11-2";

    public static BillingPolicy defaults() { return new BillingPolicy(Rounding.UNIT, DEFAULT_LEGACY_UNTIL); }
}
