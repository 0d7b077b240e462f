package com.marketplacebilling.schedule;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One file of {@code jobs/}: which job it fires, when (a Quartz cron expression read in {@code timeZone}), and
 * the job's parameter. The file's name without {@code .properties} names the schedule.
 */
public record Schedule(String name, Path file, Kind kind, String cron, ZoneId timeZone, int businessDateLagDays) {

    public enum Kind {
        NIGHTLY_BILLING("nightly-billing"), MONTH_CLOSE("month-close");

        public final String key;

        Kind(String key) { this.key = key; }
    }

    /**
     * The nightly job's business date for a firing: the UTC date of the scheduled fire time (never "now", so a
     * late or recovered firing bills the date it was meant for) minus the lag (1 for "yesterday").
     */
    public static LocalDate businessDate(Instant scheduledFireTime, int lagDays) {
        return LocalDate.ofInstant(scheduledFireTime, ZoneOffset.UTC).minusDays(lagDays);
    }

    /** The month a month-close firing closes: the month before the UTC month of its scheduled fire time. */
    public static YearMonth monthToClose(Instant scheduledFireTime) {
        return YearMonth.from(LocalDate.ofInstant(scheduledFireTime, ZoneOffset.UTC)).minusMonths(1);
    }
}
