package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.Rounding;
import java.time.Instant;
import java.time.LocalDate;

/** The ledger's record of one business date's run. */
public record BusinessRun(LocalDate businessDate, String status, Rounding rounding, Instant legacyUntil,
                          LocalDate lastCompletedBefore, String owner, Instant startedAt, Instant completedAt) {
    public static final String STARTED = "STARTED";
    public static final String COMPLETED = "COMPLETED";
    public static final String ABANDONED = "ABANDONED";

    public boolean completed() { return COMPLETED.equals(status); }
}
