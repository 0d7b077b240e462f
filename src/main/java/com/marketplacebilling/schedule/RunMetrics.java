package com.marketplacebilling.schedule;

import static com.marketplacebilling.batch.JobParameterNames.BUSINESS_DATE;

import com.marketplacebilling.batch.NightlyBillingJobConfiguration;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.ops.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The nightly runs as Micrometer meters (schedule mode): run duration by outcome, rows per second of each step
 * of the last completed run, invoice lines and exceptions by code, and the last completed business date. The
 * counts come from the ledger and the job repository after each run, not from inside the steps.
 */
public class RunMetrics {
    private final MeterRegistry registry;
    private final RunRegistry runs;
    private final JobRepository jobRepository;
    private final Map<String, AtomicReference<Double>> rowsPerSecond = new ConcurrentHashMap<>();

    public RunMetrics(MeterRegistry registry, RunRegistry runs, JobRepository jobRepository) {
        this.registry = registry;
        this.runs = runs;
        this.jobRepository = jobRepository;
        // read from the database at each scrape: it counts runs of every scheduler process and of the CLI
        Gauge.builder("billing.last.completed.business.date", this, RunMetrics::lastCompletedEpochSeconds)
                .description("start (00:00 UTC) of the last completed business date, in seconds since the epoch")
                .baseUnit("seconds").register(registry);
        // every meter exists from the start, at zero: a dashboard or alert must not see 404 before the first run
        for (Outcome.Status status : Outcome.Status.values()) durationTimer(outcomeTag(status));
        linesCounter();
        for (ExceptionCode code : ExceptionCode.values()) exceptionsCounter(code.name());
    }

    private Timer durationTimer(String outcome) {
        return Timer.builder("billing.run.duration").description("duration of a business date's run started by the scheduler")
                .tag("outcome", outcome).register(registry);
    }

    private Counter linesCounter() {
        return Counter.builder("billing.lines").description("invoice lines billed by the runs of this scheduler")
                .register(registry);
    }

    private Counter exceptionsCounter(String code) {
        return Counter.builder("billing.exceptions").description("exceptions raised by the runs of this scheduler, by code")
                .tag("code", code).register(registry);
    }

    private static String outcomeTag(Outcome.Status status) {
        return switch (status) {
            case OK -> "completed";
            case REFUSED -> "refused";
            case WAITING_FOR_FEEDS -> "waiting-for-feeds";
            case FAILED, USAGE -> "failed";
        };
    }

    void recordRun(LocalDate date, Outcome o, long nanos) {
        durationTimer(outcomeTag(o.status())).record(nanos, TimeUnit.NANOSECONDS);
        if (o.exitCode() != 0) return;
        linesCounter().increment(runs.lines(date));
        runs.exceptionsByCode(date).forEach((code, count) -> exceptionsCounter(code).increment(count));
        JobExecution e = jobRepository.getLastJobExecution(NightlyBillingJobConfiguration.JOB_NAME,
                new JobParametersBuilder().addLocalDate(BUSINESS_DATE, date, true).toJobParameters());
        if (e == null) return;
        for (StepExecution st : e.getStepExecutions()) {
            if (st.getReadCount() == 0 || st.getStartTime() == null || st.getEndTime() == null) continue; // tasklets
            double seconds = Math.max(Duration.between(st.getStartTime(), st.getEndTime()).toNanos(), 1) / 1e9;
            rowsPerSecond.computeIfAbsent(st.getStepName(), step -> registry.gauge("billing.step.rows.per.second",
                    Tags.of("step", step), new AtomicReference<>(0.0), AtomicReference::get))
                    .set(st.getReadCount() / seconds);
        }
    }

    private double lastCompletedEpochSeconds() {
        LocalDate d = runs.lastCompleted();
        return d == null ? Double.NaN : d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
