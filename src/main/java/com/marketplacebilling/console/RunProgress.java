package com.marketplacebilling.console;

import static com.marketplacebilling.batch.JobParameterNames.BUSINESS_DATE;

import com.marketplacebilling.batch.CheckFeedsTasklet;
import com.marketplacebilling.batch.NightlyBillingJobConfiguration;
import com.marketplacebilling.batch.SubscriptionSlicePartitioner;
import com.marketplacebilling.ledger.DueSetPlanner;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A running date's progress from the job repository: each step's rows done (committed chunks), rate and time
 * left against the same expected totals the CLI's progress lines use (the feed estimates checkFeeds stores, the
 * due subscriptions per bill slice).
 */
@Component
@Profile(ConsoleProfile.NAME)
public class RunProgress {
    public record Step(String step, String status, long done, long expected, Duration elapsed) {
        public double rowsPerSecond() {
            double s = elapsed.toMillis() / 1000.0;
            return s > 0 ? done / s : 0;
        }

        /** Time left at the current rate, or null when the total or the rate is not known yet. */
        public Duration left() {
            double rate = rowsPerSecond();
            if (expected <= 0 || rate <= 0 || !status.equals("STARTED")) return null;
            return Duration.ofSeconds((long) Math.ceil(Math.max(0, expected - done) / rate));
        }
    }

    private final JobRepository jobRepository;
    private final DueSetPlanner dueSet;
    private final Clock clock;
    private final Map<LocalDate, Long> due = new ConcurrentHashMap<>();

    public RunProgress(JobRepository jobRepository, DueSetPlanner dueSet, Clock clock) {
        this.jobRepository = jobRepository;
        this.dueSet = dueSet;
        this.clock = clock;
    }

    public List<Step> of(LocalDate date) {
        JobExecution e = jobRepository.getLastJobExecution(NightlyBillingJobConfiguration.JOB_NAME,
                new JobParametersBuilder().addLocalDate(BUSINESS_DATE, date, true).toJobParameters());
        if (e == null) return List.of();
        LocalDateTime now = LocalDateTime.now(clock);
        List<Step> steps = new ArrayList<>();
        for (StepExecution st : e.getStepExecutions()) {
            if (st.getStepName().equals("bill")) continue; // the manager step: its slices are listed
            long expected = -1;
            if (st.getStepName().startsWith("billSlice")) {
                // counted once per date: the due subscriptions do not change while the date runs
                long total = due.computeIfAbsent(date, dueSet::dueCount);
                expected = total / Math.max(1, st.getExecutionContext().getInt(SubscriptionSlicePartitioner.COUNT, 1));
            } else {
                expected = e.getExecutionContext().getLong(CheckFeedsTasklet.ESTIMATE_PREFIX + st.getStepName(), -1L);
            }
            LocalDateTime start = st.getStartTime() == null ? now : st.getStartTime();
            LocalDateTime end = st.getEndTime() == null ? now : st.getEndTime();
            Duration elapsed = Duration.between(start, end);
            steps.add(new Step(st.getStepName(), st.getStatus().name(), st.getReadCount(), expected,
                    elapsed.isNegative() ? Duration.ZERO : elapsed));
        }
        return steps;
    }
}
