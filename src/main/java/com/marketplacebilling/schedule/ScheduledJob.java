package com.marketplacebilling.schedule;

import com.marketplacebilling.ledger.FiringLog;
import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.Settings;
import com.marketplacebilling.schedule.NightlyCatchUp.DateOutcome;
import com.marketplacebilling.schedule.Schedule.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * A firing of a schedule from {@code jobs/}. With the clustered JDBC store one process of the cluster runs each
 * firing, and never two firings of one schedule at once; the nightly run is also guarded by the run lock.
 * The dates come from the firing's scheduled time, so a late firing (misfire) or one re-run on another
 * process after a crash (recovery) bills the dates it was due for. Outcomes are logged and recorded in
 * {@code schedule_firing}; a failure never stops the scheduler, the next firing resumes the failed date.
 */
@DisallowConcurrentExecution
public class ScheduledJob extends QuartzJobBean {
    static final String KIND = "kind";
    static final String LAG_DAYS = "businessDateLagDays";
    private static final Logger log = LoggerFactory.getLogger(ScheduledJob.class);

    private final NightlyCatchUp catchUp;
    private final ObjectProvider<MonthCloser> monthCloser;
    private final FiringLog firings;
    private final Settings settings;
    private final Clock clock;

    public ScheduledJob(NightlyCatchUp catchUp, ObjectProvider<MonthCloser> monthCloser, FiringLog firings,
                        Settings settings, Clock clock) {
        this.catchUp = catchUp;
        this.monthCloser = monthCloser;
        this.firings = firings;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void executeInternal(JobExecutionContext ctx) {
        String schedule = ctx.getJobDetail().getKey().getName();
        JobDataMap data = ctx.getMergedJobDataMap();
        Instant due = scheduledFireTime(ctx);
        String instance = instanceId(ctx.getScheduler());
        log.info("{}: firing due at {} on {}{}", schedule, due, instance, ctx.isRecovering() ? " (recovered)" : "");
        long id = firings.begin(schedule, due, clock.instant(), instance);
        String outcome;
        try {
            outcome = switch (Kind.valueOf(data.getString(KIND))) {
                case NIGHTLY_BILLING -> nightly(Schedule.businessDate(due, data.getInt(LAG_DAYS)));
                case MONTH_CLOSE -> monthClose(Schedule.monthToClose(due));
            };
        } catch (Exception e) {
            outcome = "failed: " + e;
            log.error("{}: firing due at {} failed", schedule, due, e);
        }
        log.info("{}: firing due at {} ended: {}", schedule, due, outcome);
        firings.end(id, clock.instant(), outcome);
    }

    private String nightly(LocalDate through) throws Exception {
        List<DateOutcome> ran = catchUp.runThrough(through, settings);
        if (ran.isEmpty()) return "nothing to run: " + through + " is settled";
        DateOutcome last = ran.get(ran.size() - 1);
        String range = ran.get(0).date() + (ran.size() > 1 ? ".." + last.date() : "");
        return switch (last.outcome().status()) {
            case OK -> "completed " + range;
            case REFUSED -> "refused at " + last.date() + " (" + range + "): " + last.outcome().message();
            case WAITING_FOR_FEEDS -> last.outcome().message() + " (" + range + ")";
            case FAILED, USAGE -> "failed at " + last.date() + " (" + range + "): " + last.outcome().message();
        };
    }

    private String monthClose(YearMonth month) throws Exception {
        MonthCloser closer = monthCloser.getIfAvailable();
        if (closer == null) return "failed: this build has no month close; close " + month + " with bin/billing close-month";
        Outcome o = closer.closeMonth(month, settings);
        return (o.exitCode() == 0 ? "completed " : o.exitCode() == 3 ? "refused " : "failed ") + month + ": " + o.message();
    }

    /** The cron time this firing was due at; for a recovery firing, that of the firing that was interrupted. */
    static Instant scheduledFireTime(JobExecutionContext ctx) {
        String original = ctx.getMergedJobDataMap().getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
        if (ctx.isRecovering() && original != null) return Instant.ofEpochMilli(Long.parseLong(original));
        return ctx.getScheduledFireTime().toInstant();
    }

    private static String instanceId(Scheduler scheduler) {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }
}
