package com.marketplacebilling.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code bin/billing schedule} processes (child JVMs on the test classpath) against one PostgreSQL database,
 * with a schedule firing every 3 seconds: each firing runs once, on one of them; the business date runs once;
 * both serve health and metrics. Then both stop, firings are missed, one restarts and fires the missed ones.
 * Negative control: {@code -Dschedule.test.extraArg='--spring.quartz.scheduler-name=n${random.uuid}'} makes the two
 * processes separate (unclustered) schedulers on the same tables, and this test fails with duplicate firings.
 */
@Slow
class ScheduleClusterTest {
    private static final int EVERY_SECONDS = 3;
    private static final String MONITOR_PASSWORD = "monitoring password";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);   // a loaded 2-core machine
    @TempDir
    Path tmp;

    record Firing(Instant due, Instant firedAt, String instance, String outcome) {}

    @Test
    @DisplayName("two clustered schedulers: every firing runs exactly once, the date runs once, health UP, run metrics listed;"
            + " firings missed while both were down fire after a restart, none skipped")
    void clusteredSchedulersFireEachFiringOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Path jobs = Files.createDirectories(tmp.resolve("jobs"));
            Files.writeString(jobs.resolve("nightly.properties"), "job=nightly-billing\ncron=*/" + EVERY_SECONDS
                    + " * * * * ?\ntime-zone=UTC\nbusiness-date=yesterday\n");
            Path inbox = tmp.resolve("inbox");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (LocalDate d : List.of(today.minusDays(1), today)) { // today too, in case the test crosses midnight
                Path day = Files.createDirectories(inbox.resolve(d.toString()));
                for (String f : List.of("subscriptions.csv", "fulfillment-events.csv")) {
                    Files.copy(Cli.repository().resolve("sample-data/2026-11-02").resolve(f), day.resolve(f));
                }
            }
            // health details and metrics need a login (issue 15): a monitoring account, as an install would have
            com.marketplacebilling.support.Users.add(tmp, db.url(), "monitor", "finance", MONITOR_PASSWORD);
            List<String> args = List.of("schedule", "--jobs", jobs.toString(), "--inbox", inbox.toString(), "--outbox",
                    tmp.resolve("out").toString(), "--spring.datasource.url=" + db.url(), "--billing.schedule.port=0", System.getProperty("schedule.test.extraArg", "--billing.none=none"));

            Node a = Node.start(tmp.resolve("a.log"), args);
            Node b = Node.start(tmp.resolve("b.log"), args);
            try {
                int portA = a.awaitPort();
                int portB = b.awaitPort();
                Instant bothUp = Instant.now();
                awaitTrue("both processes checked in as cluster nodes", Duration.ofSeconds(30),
                        () -> query(db, "SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state") == 2);
                awaitTrue("five firings after both started", Duration.ofSeconds(90), () -> query(db,
                        "SELECT count(*) FROM schedule_firing WHERE finished_at IS NOT NULL AND fired_at > '"
                                + bothUp + "'") >= 5);

                for (int port : new int[] {portA, portB}) {
                    HttpResponse<String> health = get(port, "/actuator/health");
                    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                    assertThat(health.body()).startsWith("{").contains("\"status\":\"UP\"").contains("\"scheduler\":{");
                }
                String names = get(portA, "/actuator/metrics").body() + get(portB, "/actuator/metrics").body();
                assertThat(names).contains("\"billing.run.duration\"", "\"billing.step.rows.per.second\"",
                        "\"billing.lines\"", "\"billing.last.completed.business.date\"");
                assertThat(completedRuns(portA) + completedRuns(portB)).as("the date ran once, on one node").isEqualTo(1);
            } finally {
                a.stop();
                b.stop();
            }

            Instant down = Instant.now();
            Thread.sleep(3_000L * EVERY_SECONDS);   // at least three firings are missed
            Instant restarting = Instant.now();      // nothing can fire before the new JVM is up
            Node again = Node.start(tmp.resolve("a2.log"), args);
            try {
                again.awaitPort();
                Instant restarted = Instant.now();
                awaitTrue("the missed firings and two more", Duration.ofSeconds(60), () -> query(db,
                        "SELECT count(*) FROM schedule_firing WHERE finished_at IS NOT NULL AND scheduled_fire_time > '"
                                + restarted + "'") >= 2);
            } finally {
                again.stop();
            }

            List<Firing> firings = firings(db);
            firings.forEach(f -> System.out.println("firing " + f));   // for the report when an assertion fails
            List<Instant> dues = firings.stream().map(Firing::due).toList();
            assertThat(dues).as("each firing ran once").doesNotHaveDuplicates();
            Instant first = dues.get(0);
            Instant last = dues.get(dues.size() - 1);
            assertThat(dues).as("no firing skipped, none while both were down either")
                    .hasSize((int) Duration.between(first, last).toSeconds() / EVERY_SECONDS + 1);
            List<Firing> missed = firings.stream().filter(f -> f.due().isAfter(down) && f.due().isBefore(restarting)).toList();
            assertThat(missed).as("firings due while no scheduler ran, fired after the restart").hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(f -> assertThat(f.firedAt()).isAfter(restarting));
            assertThat(firings).extracting(Firing::outcome).allSatisfy(o -> assertThat(o).matches("completed .*|nothing to run: .*"));
            assertThat(firings).filteredOn(f -> f.outcome().startsWith("completed")).hasSize(1);
            assertThat(query(db, "SELECT count(*) FROM batch_job_execution")).as("one job execution").isEqualTo(1);
            assertThat(firings.stream().map(Firing::instance).distinct().count()).as("instances that fired").isPositive();
        }
    }

    private static long completedRuns(int port) throws Exception {
        HttpResponse<String> r = get(port, "/actuator/metrics/billing.run.duration?tag=outcome:completed");
        if (r.statusCode() == 404) return 0;   // this node ran no date
        Matcher m = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.]+)").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("monitor:" + MONITOR_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Firing> firings(TestDatabase db) throws Exception {
        List<Firing> r = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT scheduled_fire_time, fired_at, instance_id, outcome FROM schedule_firing ORDER BY scheduled_fire_time")) {
            while (rs.next()) {
                r.add(new Firing(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4)));
            }
        }
        return r;
    }

    private static long query(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;   // tables not migrated yet
        }
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) fail("timed out waiting for: " + what);
            Thread.sleep(250);
        }
    }

    /** A {@code bin/billing schedule} child JVM; stdout and stderr go to {@code log}. */
    record Node(Process process, Path log) {
        private static final Pattern PORT = Pattern.compile("health and metrics on http port (\\d+)");

        static Node start(Path log, List<String> args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-Duser.timezone=UTC", "-Dbilling.home=" + Cli.repository(), "com.marketplacebilling.cli.BillingCli"));
            cmd.addAll(args);
            return new Node(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        }

        int awaitPort() throws Exception {
            Instant end = Instant.now().plus(START_TIMEOUT);
            while (Instant.now().isBefore(end)) {
                Matcher m = PORT.matcher(Files.readString(log));
                if (m.find()) return Integer.parseInt(m.group(1));
                if (!process.isAlive()) fail("scheduler exited with " + process.exitValue() + ":\n" + Files.readString(log));
                Thread.sleep(250);
            }
            return fail("scheduler did not start:\n" + Files.readString(log));
        }

        /** SIGTERM, as a service manager stops it; it must exit cleanly. */
        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("scheduler did not stop on SIGTERM:\n" + Files.readString(log));
            }
            assertThat(Files.readString(log)).as("clean stop").contains("scheduler stopped");
        }
    }
}
