package com.marketplacebilling.batch;

import com.marketplacebilling.ledger.BusinessRun;

/** Job parameter names. Only the business date identifies a run; the rest is recorded with it. */
public final class JobParameterNames {
    public static final String BUSINESS_DATE = BusinessRun.JOB_PARAMETER;
    public static final String INBOX = "inbox";
    public static final String OUTBOX = "outbox";
    public static final String ROUNDING = "rounding";
    public static final String LEGACY_UNTIL = "cancellationLegacyUntil";

    private JobParameterNames() {}
}
