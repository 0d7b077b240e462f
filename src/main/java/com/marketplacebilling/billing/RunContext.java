package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The business date being billed; the last business date completed before it (null on the first run; facts
 * dated on or before it are late, R17); the first month not yet closed (null when none is closed: lines of a
 * closed month are invoiced in this month instead); and the policy.
 */
public record RunContext(LocalDate businessDate, LocalDate lastCompletedDate, YearMonth firstOpenMonth,
                         BillingPolicy policy) {

    public static RunContext of(LocalDate businessDate, BillingPolicy policy) {
        return new RunContext(businessDate, null, null, policy);
    }
}
