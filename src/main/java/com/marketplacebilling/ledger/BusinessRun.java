package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.RunContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/** The ledger's record of one business date's run. */
public record BusinessRun(LocalDate businessDate, String status, Rounding rounding, Instant legacyUntil,
                          LocalDate lastCompletedBefore, YearMonth firstOpenMonth, String owner, Instant startedAt,
                          Instant completedAt) {
    public static final String STARTED = "STARTED";
    public static final String COMPLETED = "COMPLETED";
    public static final String ABANDONED = "ABANDONED";

    public boolean completed() { return COMPLETED.equals(status); }

    public BillingPolicy policy() { return new BillingPolicy(rounding, legacyUntil); }

    /** What the billing core needs to bill this date exactly as its first attempt did. */
    public RunContext context() { return new RunContext(businessDate, lastCompletedBefore, firstOpenMonth, policy()); }
}
