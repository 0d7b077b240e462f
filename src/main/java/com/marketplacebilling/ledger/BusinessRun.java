package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.RunContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/** The ledger's record of one business date's run. */
public record BusinessRun(LocalDate businessDate, Status status, Rounding rounding, Instant legacyUntil,
                          LocalDate lastCompletedBefore, YearMonth firstOpenMonth, String owner, Instant startedAt,
                          Instant completedAt) {
    /**
     * The job parameter that names a run's business date in Spring Batch's tables (the job's one identifying
     * parameter; the status queries join on it). {@code batch.JobParameterNames.BUSINESS_DATE} is this name.
     */
    public static final String JOB_PARAMETER = "businessDate";

    /** The {@code business_run.status} column. */
    public enum Status {
        /** Started and neither completed nor abandoned (running, failed, stopped or interrupted). */
        STARTED,
        COMPLETED,
        /** Given up for good; its rows were removed. */
        ABANDONED
    }

    public boolean completed() { return status == Status.COMPLETED; }

    public BillingPolicy policy() { return new BillingPolicy(rounding, legacyUntil); }

    /** What the billing core needs to bill this date exactly as its first attempt did. */
    public RunContext context() { return new RunContext(businessDate, lastCompletedBefore, firstOpenMonth, policy()); }
}
