package com.marketplacebilling.cli;

import com.marketplacebilling.BillingApplication;
import com.marketplacebilling.console.ConsoleProfile;
import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.Settings;
import com.marketplacebilling.schedule.MonthCloser;
import com.marketplacebilling.schedule.Schedule;
import com.marketplacebilling.schedule.ScheduleInstaller;
import com.marketplacebilling.schedule.ScheduleProfile;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/billing schedule}: starts Spring with the "schedule" profile (Quartz, web server with health and
 * metrics), installs the schedules, starts the scheduler and stays up until the process is asked to stop
 * (SIGTERM, Ctrl-C). Stopping closes the scheduler, the connection pool and then the embedded database, in
 * that order, before the process exits.
 */
public final class ScheduleCommand {
    private static final Logger log = LoggerFactory.getLogger(ScheduleCommand.class);

    private ScheduleCommand() {}

    /**
     * {@code defaults} are Spring default properties, {@code springArgs} the operator's {@code --spring.x=y};
     * {@code afterStop} (the embedded database, or null) is closed once Spring is closed.
     */
    public static Outcome run(List<Schedule> schedules, Settings settings, Map<String, Object> defaults,
                              String[] springArgs, AutoCloseable afterStop, PrintStream out) throws Exception {
        return UntilStopped.run("scheduler", stopRequested -> {
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(BillingApplication.class)
                    .profiles(ScheduleProfile.NAME, ConsoleProfile.NAME).properties(defaults).logStartupInfo(false).registerShutdownHook(false)
                    .initializers(c -> c.getBeanFactory().registerSingleton("scheduleSettings", settings))
                    .run(springArgs)) {
                if (schedules.stream().anyMatch(s -> s.kind() == Schedule.Kind.MONTH_CLOSE)
                        && ctx.getBeanProvider(MonthCloser.class).getIfAvailable() == null) {
                    log.warn("a month-close schedule is defined, but this build has no month close: its firings will fail");
                }
                Scheduler scheduler = ctx.getBean(Scheduler.class);
                for (String line : ScheduleInstaller.install(scheduler, schedules)) out.println(line);
                scheduler.start();
                out.println("scheduler " + scheduler.getSchedulerInstanceId() + " started; console, health and metrics on http port "
                        + ctx.getEnvironment().getProperty("local.management.port",
                                ctx.getEnvironment().getProperty("local.server.port", "?"))
                        + " of " + ctx.getEnvironment().getProperty("server.address", "all interfaces")
                        + " (/runs, /actuator/health, /actuator/metrics); stop with SIGTERM or Ctrl-C");
                out.flush();
                stopRequested.await();
            }
        }, afterStop, out);
    }
}
