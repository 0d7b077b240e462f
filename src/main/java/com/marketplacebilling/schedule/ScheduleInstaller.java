package com.marketplacebilling.schedule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Makes the Quartz store hold exactly the schedules of {@code jobs/}. An unchanged schedule keeps its stored
 * trigger, so firings missed while no scheduler ran still fire, each with its own due time (misfire policy
 * "ignore": every missed time fires, none is skipped or merged). A changed one is replaced, a removed one
 * deleted. Every process of a cluster must have the same {@code jobs/} files.
 */
public final class ScheduleInstaller {
    static final String GROUP = "billing";

    private ScheduleInstaller() {}

    /**
     * What was done, one line per schedule, for the startup log. Two processes of a cluster starting together
     * can both find a schedule missing and both insert it; the loser's insert fails on the store's key, and a
     * second pass then finds the winner's rows and keeps or replaces them.
     */
    public static List<String> install(Scheduler scheduler, List<Schedule> schedules) throws SchedulerException {
        for (int attempt = 1; ; attempt++) {
            try {
                return installOnce(scheduler, schedules);
            } catch (SchedulerException e) {
                if (attempt >= 3 || !raceLost(e)) throw e;
            }
        }
    }

    /** A duplicate key in the Quartz tables: another process stored the same job or trigger at the same time. */
    static boolean raceLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.quartz.ObjectAlreadyExistsException) return true;
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) return true;
            if (String.valueOf(t.getMessage()).contains("duplicate key value")) return true;
        }
        return false;
    }

    private static List<String> installOnce(Scheduler scheduler, List<Schedule> schedules) throws SchedulerException {
        List<String> report = new ArrayList<>();
        Set<JobKey> wanted = new HashSet<>();
        for (Schedule s : schedules) {
            JobDetail job = JobBuilder.newJob(ScheduledJob.class).withIdentity(s.name(), GROUP)
                    .withDescription(s.file().getFileName().toString())
                    .usingJobData(ScheduledJob.KIND, s.kind().name())
                    .usingJobData(ScheduledJob.LAG_DAYS, s.businessDateLagDays())
                    .storeDurably().requestRecovery(true).build();
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(s.name(), GROUP).forJob(job)
                    .withSchedule(CronScheduleBuilder.cronSchedule(s.cron()).inTimeZone(TimeZone.getTimeZone(s.timeZone()))
                            .withMisfireHandlingInstructionIgnoreMisfires())
                    .build();
            wanted.add(job.getKey());
            boolean kept = same(scheduler.getJobDetail(job.getKey()), job)
                    && same(scheduler.getTrigger(trigger.getKey()), trigger)
                    && scheduler.getTriggerState(trigger.getKey()) != TriggerState.ERROR;
            if (!kept) scheduler.scheduleJob(job, Set.of(trigger), true);
            report.add(s.name() + ": " + s.kind().key + " cron '" + s.cron() + "' " + s.timeZone() + (kept ? " (kept)" : " (installed)")
                    + ", next firing " + nextFiring(scheduler.getTrigger(trigger.getKey())));
        }
        for (JobKey k : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(k)) {
                scheduler.deleteJob(k);
                report.add(k.getName() + ": removed (no file in jobs/)");
            }
        }
        return report;
    }

    private static String nextFiring(Trigger t) {
        return t == null || t.getNextFireTime() == null ? "none" : t.getNextFireTime().toInstant().toString();
    }

    private static boolean same(JobDetail stored, JobDetail wanted) {
        return stored != null && stored.getJobClass() == wanted.getJobClass() && stored.requestsRecovery()
                && stored.getJobDataMap().getWrappedMap().equals(wanted.getJobDataMap().getWrappedMap());
    }

    private static boolean same(Trigger stored, CronTrigger wanted) {
        return stored instanceof CronTrigger c && c.getCronExpression().equals(wanted.getCronExpression())
                && c.getTimeZone().getID().equals(wanted.getTimeZone().getID())
                && c.getMisfireInstruction() == wanted.getMisfireInstruction()
                && Objects.equals(c.getJobKey(), wanted.getJobKey());
    }
}
