package com.marketplacebilling.schedule;

import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.ledger.RunStatusStore;
import com.marketplacebilling.ops.Outcome;
import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.BillingApplication;
import com.marketplacebilling.cli.CommandLine;
import com.marketplacebilling.cli.CommandSettings;
import com.marketplacebilling.ops.NightlyRunner;
import com.marketplacebilling.ops.Settings;
import com.marketplacebilling.schedule.NightlyCatchUp.DateOutcome;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Golden;
import com.marketplacebilling.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/** What a nightly firing runs: every unsettled date up to its business date, in order, on real PostgreSQL. */
class NightlyCatchUpTest {
    private static final LocalDate D = LocalDate.parse("2026-11-05");
    /** The firing due at 02:30 UTC the day after D: its business date is D. */
    private static final Instant DUE = Instant.parse("2026-11-06T02:30:00Z");

    @TempDir
    Path tmp;
    private TestDatabase db;
    private ConfigurableApplicationContext ctx;
    private JdbcTemplate jdbc;
    private NightlyRunner runner;
    private SimpleMeterRegistry registry;
    private NightlyCatchUp catchUp;
    private Settings settings;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create();
        ctx = new SpringApplicationBuilder(BillingApplication.class).logStartupInfo(false)
                .properties(Map.of("spring.datasource.url", db.url(), "spring.datasource.username", "postgres")).run();
        jdbc = ctx.getBean(JdbcTemplate.class);
        runner = ctx.getBean(NightlyRunner.class);
        registry = new SimpleMeterRegistry();
        RunRegistry runs = ctx.getBean(RunRegistry.class);
        catchUp = new NightlyCatchUp(runner, runs, new RunMetrics(registry, runs, ctx.getBean(JobRepository.class)));
        Path inbox = tmp.resolve("inbox");
        FileSystemUtils.copyRecursively(Cli.repository().resolve("sample-data"), inbox);
        settings = CommandSettings.resolve(CommandLine.parse(new String[] {"status", "--inbox", inbox.toString(), "--outbox",
                tmp.resolve("out").toString()}), Map.of(), Cli.repository(), Cli.repository());
        assertThat(runner.run(D.minusDays(3), settings, false).exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        ctx.close();
        db.close();
    }

    @Test
    @DisplayName("billing health: UP when current, OUT_OF_SERVICE when behind (saying when it waits for feeds), DOWN while a date is failed")
    void billingHealth() throws Exception {
        LocalDate completed = D.minusDays(3);
        Health current = health(completed.plusDays(1));
        assertThat(current.getStatus()).isEqualTo(Status.UP);
        assertThat(current.getDetails()).containsEntry("lastCompletedBusinessDate", completed.toString());
        assertThat(health(completed.plusDays(2)).getStatus()).as("one day of lag is allowed").isEqualTo(Status.UP);

        Health behind = health(completed.plusDays(3));
        assertThat(behind.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(behind.getDetails().get("reason").toString()).contains("more than 1 day(s) older than yesterday");

        Path next = settings.inbox().resolve(completed.plusDays(1).toString());
        FileSystemUtils.deleteRecursively(next.resolve("fulfillment-events.csv"));
        Health waiting = health(completed.plusDays(3));
        assertThat(waiting.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(waiting.getDetails()).containsEntry("reason", "waiting for feeds of " + completed.plusDays(1));
        assertThat(runner.run(completed.plusDays(1), settings, false).status()).isEqualTo(Outcome.Status.WAITING_FOR_FEEDS);
        assertThat(health(completed.plusDays(3)).getStatus()).as("waiting is not a failure").isEqualTo(Status.OUT_OF_SERVICE);

        java.nio.file.Files.createDirectories(next.resolve("fulfillment-events.csv")); // exists, cannot be read
        assertThat(runner.run(completed.plusDays(1), settings, false).exitCode()).isEqualTo(1);
        Health down = health(completed.plusDays(2));
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("businessDate", completed.plusDays(1).toString())
                .containsEntry("state", "FAILED");
        assertThat(down.getDetails().get("reason").toString()).contains("fulfillment-events.csv").contains("restart --date");
    }

    @Test
    @DisplayName("billing.* meters exist at zero before any run (no 404 for dashboards)")
    void metersExistBeforeAnyRun() {
        assertThat(registry.find("billing.lines").counter()).isNotNull().satisfies(c -> assertThat(c.count()).isZero());
        assertThat(registry.find("billing.run.duration").tag("outcome", "failed").timer()).isNotNull();
        assertThat(registry.find("billing.exceptions").tag("code", "MALFORMED_ROW").counter()).isNotNull();
    }

    private Health health(LocalDate today) {
        Clock clock = Clock.fixed(today.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC), java.time.ZoneOffset.UTC);
        return new BillingHealthIndicator(ctx.getBean(RunStatusStore.class), ctx.getBean(RunRegistry.class), settings,
                clock, 1).health();
    }

    @Test
    @DisplayName("catch-up: last completed D-3, the firing for D runs D-2, D-1 and D in order; outputs match the golden files")
    void missedDatesRunInOrder() throws Exception {
        assertThat(Schedule.businessDate(DUE, 1)).isEqualTo(D);
        List<DateOutcome> ran = catchUp.runThrough(Schedule.businessDate(DUE, 1), settings);
        assertThat(ran).extracting(DateOutcome::date).containsExactly(D.minusDays(2), D.minusDays(1), D);
        assertThat(ran).allSatisfy(o -> assertThat(o.outcome().exitCode()).as(o.outcome().message()).isZero());
        assertThat(jdbc.queryForList("SELECT business_date FROM business_run ORDER BY started_at, business_date",
                LocalDate.class)).containsExactly(D.minusDays(3), D.minusDays(2), D.minusDays(1), D);
        for (DateOutcome o : ran) {
            Path out = tmp.resolve("out").resolve(o.date().toString());
            Golden.assertMatches(out.resolve("invoice-lines.csv"), "sample-data/" + o.date() + "/invoice-lines.csv");
            Golden.assertMatches(out.resolve("exceptions.csv"), "sample-data/" + o.date() + "/exceptions.csv");
            Golden.assertMatches(out.resolve("line-explanations.csv"),
                    "sample-data/" + o.date() + "/line-explanations.csv");
        }
        assertThat(catchUp.runThrough(D, settings)).as("a second firing for D has nothing to do").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(4);
    }

    @Test
    @DisplayName("the run metrics after a catch-up: durations, rows per second per step, lines, exceptions by code, last date")
    void metrics() throws Exception {
        catchUp.runThrough(D, settings);
        assertThat(registry.get("billing.run.duration").tag("outcome", "completed").timer().count()).isEqualTo(3);
        for (String step : List.of("loadCommerce", "loadFulfillment", "bill")) {
            assertThat(registry.get("billing.step.rows.per.second").tag("step", step).gauge().value()).as(step).isPositive();
        }
        long lines = jdbc.queryForObject("SELECT count(*) FROM invoice_line WHERE billed_on > ?", Long.class, D.minusDays(3));
        assertThat(lines).isPositive();
        assertThat(registry.get("billing.lines").counter().count()).isEqualTo(lines);
        for (Map<String, Object> row : jdbc.queryForList("SELECT code, count(*) AS n FROM billing_exception"
                + " WHERE business_date > ? GROUP BY code", D.minusDays(3))) {
            assertThat(registry.get("billing.exceptions").tag("code", (String) row.get("code")).counter().count())
                    .as((String) row.get("code")).isEqualTo(((Number) row.get("n")).doubleValue());
        }
        assertThat(registry.get("billing.exceptions").counters()).isNotEmpty();
        assertThat(registry.get("billing.last.completed.business.date").gauge().value())
                .isEqualTo(Instant.parse("2026-11-05T00:00:00Z").getEpochSecond());
    }

    @Test
    @DisplayName("a date that fails stops the catch-up; the next firing resumes it and goes on to D")
    void failureStopsThenResumes() throws Exception {
        Path missing = settings.inbox().resolve(D.minusDays(1).toString()).resolve("fulfillment-events.csv");
        Path aside = Files.move(missing, tmp.resolve("aside.csv"));
        List<DateOutcome> first = catchUp.runThrough(D, settings);
        assertThat(first).extracting(DateOutcome::date).containsExactly(D.minusDays(2), D.minusDays(1));
        assertThat(first.get(1).outcome().exitCode()).isEqualTo(1);
        assertThat(first.get(1).outcome().message()).contains("fulfillment-events.csv");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM business_run WHERE business_date = ?", Long.class, D))
                .as("D was not started").isZero();
        assertThat(first.get(1).outcome().status()).as("a missing file: waiting, not failed").isEqualTo(Outcome.Status.WAITING_FOR_FEEDS);
        assertThat(registry.get("billing.run.duration").tag("outcome", "waiting-for-feeds").timer().count()).isEqualTo(1);
        assertThat(registry.get("billing.run.duration").tag("outcome", "failed").timer().count()).isZero();

        Files.move(aside, missing);
        List<DateOutcome> next = catchUp.runThrough(D, settings);
        assertThat(next).extracting(DateOutcome::date).containsExactly(D.minusDays(1), D);
        assertThat(next).allSatisfy(o -> assertThat(o.outcome().exitCode()).as(o.outcome().message()).isZero());
        Golden.assertMatches(tmp.resolve("out").resolve(D.toString()).resolve("invoice-lines.csv"),
                "sample-data/" + D + "/invoice-lines.csv");
    }

    @Test
    @DisplayName("an abandoned date is not run again: the catch-up starts after it")
    void abandonedDateIsSkipped() throws Exception {
        Path unreadable = settings.inbox().resolve(D.minusDays(2).toString()).resolve("subscriptions.csv");
        Files.delete(unreadable);
        Files.createDirectories(unreadable); // exists but cannot be read: a failed run an operator must see
        assertThat(catchUp.runThrough(D, settings)).hasSize(1);
        assertThat(runner.abandon(D.minusDays(2)).exitCode()).isZero();
        List<DateOutcome> next = catchUp.runThrough(D, settings);
        assertThat(next).extracting(DateOutcome::date).containsExactly(D.minusDays(1), D);
        assertThat(next).allSatisfy(o -> assertThat(o.outcome().exitCode()).as(o.outcome().message()).isZero());
    }
}
