package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** One charge cycle (or term): index j from the anchor, inclusive first and last day. */
public record ChargeCycle(int index, LocalDate start, LocalDate end) {

    /** Inclusive length in days ({@code cycleDays} of R3). */
    public int days() { return (int) ChronoUnit.DAYS.between(start, end) + 1; }

    /** Days from {@code from} to the end of the cycle, inclusive ({@code remainingDays} of R7). */
    public int daysFrom(LocalDate from) { return (int) ChronoUnit.DAYS.between(from, end) + 1; }

    public boolean contains(LocalDate d) { return !d.isBefore(start) && !d.isAfter(end); }
}
