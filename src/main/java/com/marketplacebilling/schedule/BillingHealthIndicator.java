package com.marketplacebilling.schedule;

import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.ledger.RunState;
import com.marketplacebilling.ledger.RunStatusStore;
import com.marketplacebilling.ledger.RunStatusStore.RunStatus;
import com.marketplacebilling.ops.RunAdmission;
import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.Settings;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health component "billing": is the nightly billing itself well, not just the process. DOWN while a date has a
 * failed, stopped or interrupted run (it blocks every later date); OUT_OF_SERVICE when the last completed business
 * date is more than {@code billing.health.max-lag-days} days older than yesterday (UTC), saying whether the next
 * date is waiting for its feeds; UP otherwise. The details (date, state, reason) are shown to signed-in callers only.
 */
public class BillingHealthIndicator implements HealthIndicator {
    private final RunStatusStore runs;
    private final RunRegistry registry;
    private final Settings settings;
    private final Clock clock;
    private final int maxLagDays;

    public BillingHealthIndicator(RunStatusStore runs, RunRegistry registry, Settings settings, Clock clock,
                                  int maxLagDays) {
        this.runs = runs;
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
        this.maxLagDays = maxLagDays;
    }

    @Override
    public Health health() {
        List<RunStatus> latest = runs.recent(null, 1, clock.instant());
        if (!latest.isEmpty() && latest.get(0).state().unfinished()) {
            RunStatus r = latest.get(0);
            return Health.down().withDetail("businessDate", r.businessDate().toString())
                    .withDetail("state", r.state().name())
                    .withDetail("reason", r.businessDate() + " " + r.state().name().toLowerCase(java.util.Locale.ROOT)
                            + (r.message().isEmpty() ? "" : ": " + r.message()) + "; later dates wait until it is"
                            + " restarted (bin/billing restart --date " + r.businessDate() + ") or abandoned")
                    .build();
        }
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        LocalDate last = registry.lastCompleted();
        Health.Builder h;
        if (last == null || ChronoUnit.DAYS.between(last, yesterday) > maxLagDays) {
            LocalDate next = last == null ? yesterday : last.plusDays(1);
            Outcome waiting = settings == null ? null : RunAdmission.feedsNotArrived(next, settings);
            h = Health.status(Status.OUT_OF_SERVICE).withDetail("reason", waiting != null
                    ? "waiting for feeds of " + next
                    : "the last completed business date " + (last == null ? "(none)" : last) + " is more than "
                            + maxLagDays + " day(s) older than yesterday " + yesterday);
        } else {
            h = Health.up();
        }
        if (!latest.isEmpty() && latest.get(0).state() == RunState.RUNNING) {
            h.withDetail("running", latest.get(0).businessDate().toString());
        }
        return h.withDetail("lastCompletedBusinessDate", last == null ? "none" : last.toString())
                .withDetail("maxLagDays", maxLagDays).build();
    }
}
