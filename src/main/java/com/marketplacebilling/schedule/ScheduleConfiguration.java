package com.marketplacebilling.schedule;

import com.marketplacebilling.ops.LedgerCommands;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.ledger.RunStatusStore;
import com.marketplacebilling.ops.NightlyRunner;
import com.marketplacebilling.ops.Settings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The beans of {@code bin/billing schedule} only (profile "schedule"); the other commands never create them. */
@Configuration(proxyBeanMethods = false)
@Profile(ScheduleProfile.NAME)
class ScheduleConfiguration {

    /** The month-close schedule closes months with the same code as {@code bin/billing close-month}. */
    @Bean
    MonthCloser monthCloser(LedgerCommands commands) {
        return commands::closeMonth;
    }

    @Bean
    RunMetrics runMetrics(MeterRegistry registry, RunRegistry runs, JobRepository jobRepository) {
        return new RunMetrics(registry, runs, jobRepository);
    }

    @Bean
    NightlyCatchUp nightlyCatchUp(NightlyRunner runner, RunRegistry runs, RunMetrics metrics) {
        return new NightlyCatchUp(runner, runs, metrics);
    }

    /** Health component "billing": DOWN while a date is unfinished, OUT_OF_SERVICE when billing lags behind. */
    @Bean
    HealthIndicator billingHealthIndicator(RunStatusStore runs, RunRegistry registry, ObjectProvider<Settings> settings,
                                           Clock clock, @Value("${billing.health.max-lag-days:1}") int maxLagDays) {
        return new BillingHealthIndicator(runs, registry, settings.getIfAvailable(), clock, maxLagDays);
    }

    /** Health component "scheduler": UP while this process takes part in firing the schedules. */
    @Bean
    HealthIndicator schedulerHealthIndicator(Scheduler scheduler) {
        return () -> {
            try {
                if (!scheduler.isStarted() || scheduler.isInStandbyMode() || scheduler.isShutdown()) {
                    return Health.down().withDetail("state", scheduler.isShutdown() ? "shut down" : "not started").build();
                }
                Map<String, Object> next = new LinkedHashMap<>();
                for (TriggerKey k : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(ScheduleInstaller.GROUP))) {
                    Trigger t = scheduler.getTrigger(k);
                    if (t != null && t.getNextFireTime() != null) next.put(k.getName(), t.getNextFireTime().toInstant().toString());
                }
                return Health.up().withDetail("instanceId", scheduler.getSchedulerInstanceId())
                        .withDetail("nextFirings", next).build();
            } catch (Exception e) {
                return Health.down(e).build();
            }
        };
    }
}
