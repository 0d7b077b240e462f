package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.ledger.JdbcOutcomeStore;
import com.marketplacebilling.ledger.JdbcOutputQueries;
import com.marketplacebilling.support.ChildCli;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Remote partitioning (issue 14) on the machine's PostgreSQL and RabbitMQ, with a manager and worker processes in
 * JVMs of their own: outputs byte-identical to a local run, after a worker or the manager is killed mid-run too,
 * and a remote run without workers refused. Each test has its own database and its own queue. The book size is
 * {@code -Dremote.subscriptions} (default 60,000: four slices of a few seconds each).
 */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemotePartitioningTest {
    static final int SUBSCRIPTIONS = Integer.getInteger("remote.subscriptions", 60_000);
    static final String DATE = "2026-11-02";
    static final int SLICES = 4;
    @TempDir
    static Path tmp;
    private Path inbox;
    private Path baselineOut;
    private Map<String, String> baselineDb;
    private final List<Process> children = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();

    @BeforeAll
    void localBaseline() throws Exception {
        inbox = tmp.resolve("inbox");
        Cli.Result g = new Cli(Cli.repository(), null).run("generate", "--subscriptions", Integer.toString(SUBSCRIPTIONS),
                "--days", "1", "--seed", "14", "--out", inbox.toString(), "--start", DATE);
        assertThat(g.exitCode()).as(g.all()).isZero();
        baselineOut = tmp.resolve("baseline");
        try (TestDatabase db = TestDatabase.create()) {
            Cli.Result r = new Cli(Cli.repository(), db.url()).run("run", "--date", DATE, "--inbox", inbox.toString(),
                    "--outbox", baselineOut.toString(), "--billing.bill.slices=" + SLICES);
            assertThat(r.exitCode()).as(r.all()).isZero();
            baselineDb = CrashRecoveryTest.fingerprint(db.url());
        }
    }

    @AfterEach
    void stopChildrenAndDropQueues() throws Exception {
        for (Process p : children) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        children.clear();
        CachingConnectionFactory cf = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            RabbitAdmin admin = new RabbitAdmin(cf);
            for (String q : queues) {
                admin.deleteQueue(q);
                admin.deleteQueue(q + ".dead");
                admin.deleteExchange(q);
                admin.deleteExchange(q + ".dlx");
            }
        } finally {
            cf.destroy();
        }
        queues.clear();
    }

    @Test
    @DisplayName("a manager and two worker JVMs bill the book: outputs and database identical to a local run")
    void twoWorkersBillLikeALocalRun() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String queue = queue(db);
            startWorker(db, queue, "a");
            startWorker(db, queue, "b");
            Path out = tmp.resolve("out-two-workers");
            Process manager = startManager(db, queue, out, "run");
            assertThat(manager.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(manager.exitValue()).as(log("manager-run")).isZero();
            assertSameAsBaseline("two workers", out, db);
            Map<String, String> slices = sliceStatuses(db, lastJobExecution(db));
            assertThat(slices).as("every slice ran remotely and completed").hasSize(SLICES)
                    .allSatisfy((name, status) -> assertThat(status).isEqualTo("COMPLETED"));
            assertThat(query(db, "SELECT count(DISTINCT worker_id) FROM slice_claim")).as("both workers billed slices")
                    .isEqualTo("2");

            // two workers billing one slice (D39 rules it out; this is the safety net): the ledger's own write path,
            // given every line of the date a second time, adds nothing, because LineIds are its keys
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), "postgres", ""));
            List<InvoiceLine> lines = new ArrayList<>();
            List<LineExplanation> explanations = new ArrayList<>();
            new JdbcOutputQueries(jdbc).explainedLinesBilledOn(LocalDate.parse(DATE), null, null, (l, e) -> {
                lines.add(l);
                explanations.add(e);
            });
            assertThat(lines).isNotEmpty();
            new JdbcOutcomeStore(jdbc).storeLines(lines, explanations, LocalDate.parse(DATE));
            assertThat(CrashRecoveryTest.fingerprint(db.url())).as("the lines stored twice").isEqualTo(baselineDb);
        }
    }

    @Test
    @DisplayName("a worker killed -9 mid-slice: the run fails; restart with one worker resumes only the unfinished"
            + " slices; identical outputs, no line twice")
    void workerKilledMidSlice() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String queue = queue(db);
            Process a = startWorker(db, queue, "a");
            startWorker(db, queue, "b");
            Path out = tmp.resolve("out-worker-killed");
            Process manager = startManager(db, queue, out, "run");
            String victim = "pid " + a.pid() + " on %";
            // kill worker a while it is in the middle of a slice, once some slice has completed
            waitFor("a slice of worker a half done and another slice completed", db, c ->
                    count(c, "SELECT count(*) FROM batch_step_execution WHERE step_name LIKE 'billSlice:%'"
                            + " AND status = 'COMPLETED'") > 0
                    && count(c, "SELECT count(*) FROM batch_step_execution s JOIN slice_claim k ON k.step_execution_id"
                            + " = s.step_execution_id WHERE s.status = 'STARTED' AND s.read_count > 0 AND k.worker_id"
                            + " LIKE '" + victim + "'") > 0);
            a.destroyForcibly();
            assertThat(manager.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(manager.exitValue()).as(log("manager-run")).isEqualTo(1);
            assertThat(log("manager-run")).contains("lost its worker").contains("bin/billing restart --date " + DATE);
            long first = lastJobExecution(db);
            Map<String, String> before = sliceStatuses(db, first);
            assertThat(before).containsValue("COMPLETED").containsValue("FAILED");

            Process restart = startManager(db, queue, out, "restart");
            assertThat(restart.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(restart.exitValue()).as(log("manager-restart")).isZero();
            assertSameAsBaseline("worker killed", out, db);
            assertOnlyUnfinishedSlicesRanAgain(db, before, lastJobExecution(db));
        }
    }

    @Test
    @DisplayName("the manager killed -9 mid-run: restart lets the slices in flight finish, then runs only the rest;"
            + " identical outputs")
    void managerKilledMidRun() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String queue = queue(db);
            startWorker(db, queue, "a");
            startWorker(db, queue, "b");
            Path out = tmp.resolve("out-manager-killed");
            Process manager = startManager(db, queue, out, "run");
            waitFor("a slice completed and another one half done", db, c ->
                    count(c, "SELECT count(*) FROM batch_step_execution WHERE step_name LIKE 'billSlice:%'"
                            + " AND status = 'COMPLETED'") > 0
                    && count(c, "SELECT count(*) FROM batch_step_execution WHERE step_name LIKE 'billSlice:%'"
                            + " AND status = 'STARTED' AND read_count > 0") > 0);
            manager.destroyForcibly();
            manager.waitFor(30, TimeUnit.SECONDS);
            long first = lastJobExecution(db);

            Process restart = startManager(db, queue, out, "restart");
            assertThat(restart.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(restart.exitValue()).as(log("manager-restart")).isZero();
            assertSameAsBaseline("manager killed", out, db);
            Map<String, String> before = sliceStatuses(db, first);
            assertThat(before).containsValue("COMPLETED");
            assertOnlyUnfinishedSlicesRanAgain(db, before, lastJobExecution(db));
        }
    }

    @Test
    @DisplayName("no worker running: a remote run is refused within the wait, with a clear message (exit 1), and"
            + " nothing is recorded")
    void refusedWithoutWorkers() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String queue = queue(db);
            long t0 = System.nanoTime();
            Cli.Result r = new Cli(Cli.repository(), db.url()).run("run", "--date", DATE, "--inbox", inbox.toString(),
                    "--outbox", tmp.resolve("out-no-worker").toString(), "--billing.partitioning=remote",
                    "--billing.remote.queue=" + queue, "--billing.remote.worker-wait-ms=3000");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("no billing worker answered within 3 s").contains("bin/billing worker");
            assertThat(seconds).as("refused soon after the 3 s wait").isLessThan(60);
            assertThat(query(db, "SELECT count(*) FROM business_run")).as("nothing recorded").isEqualTo("0");
        }
    }

    @Test
    @DisplayName("remote mode refuses the embedded database (exit 2): workers on other machines could not reach it")
    void remoteNeedsPostgres() {
        Cli.Result run = new Cli(Cli.repository(), null).run("run", "--date", DATE, "--inbox", inbox.toString(),
                "--billing.partitioning=remote");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("billing.partitioning=remote needs a shared PostgreSQL");
        Cli.Result worker = new Cli(Cli.repository(), null).run("worker");
        assertThat(worker.exitCode()).as(worker.all()).isEqualTo(2);
        assertThat(worker.err()).contains("needs a shared PostgreSQL");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private String queue(TestDatabase db) {
        String q = "test.slices." + db.name();
        queues.add(q);
        return q;
    }

    private static List<String> remoteOptions(TestDatabase db, String queue) {
        return List.of("--spring.datasource.url=" + db.url(), "--billing.partitioning=remote",
                "--billing.remote.queue=" + queue, "--billing.remote.heartbeat-ms=500",
                "--billing.remote.worker-timeout-ms=5000", "--billing.remote.poll-interval-ms=250",
                "--billing.remote.worker-wait-ms=20000");
    }

    private Process startWorker(TestDatabase db, String queue, String name) throws Exception {
        List<String> args = new ArrayList<>(List.of("worker", "--billing.worker.threads=1"));
        args.addAll(remoteOptions(db, queue));
        Path log = tmp.resolve("logs").resolve("worker-" + name + ".log");
        Process p = ChildCli.start(log, args.toArray(String[]::new));
        children.add(p);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(" started: ")) return p;
            assertThat(p.isAlive()).as("worker " + name + " died:\n" + Files.readString(log)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("worker " + name + " did not start:\n" + Files.readString(log));
    }

    private Process startManager(TestDatabase db, String queue, Path out, String command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--date", DATE));
        if (command.equals("run")) args.addAll(List.of("--inbox", inbox.toString(), "--outbox", out.toString()));
        else args.addAll(List.of("--inbox", inbox.toString(), "--outbox", out.toString()));
        args.add("--billing.bill.slices=" + SLICES);
        args.addAll(remoteOptions(db, queue));
        Process p = ChildCli.start(tmp.resolve("logs").resolve("manager-" + command + ".log"), args.toArray(String[]::new));
        children.add(p);
        return p;
    }

    private String log(String name) throws Exception {
        Path p = tmp.resolve("logs").resolve(name + ".log");
        return Files.exists(p) ? Files.readString(p) : "(no log " + name + ")";
    }

    private void assertSameAsBaseline(String what, Path out, TestDatabase db) throws Exception {
        for (String f : new String[] {"invoice-lines.csv", "exceptions.csv", "line-explanations.csv"}) {
            assertThat(Files.mismatch(out.resolve(DATE).resolve(f), baselineOut.resolve(DATE).resolve(f)))
                    .as(what + ": " + f + " byte-identical to the local run").isEqualTo(-1L);
        }
        assertThat(CrashRecoveryTest.fingerprint(db.url())).as(what + ": database rows").isEqualTo(baselineDb);
        // LineIds are the ledger's keys: a slice billed twice could not have added a line, and none is missing
        assertThat(query(db, "SELECT count(*) - count(DISTINCT line_id) FROM invoice_line")).isEqualTo("0");
        long csvLines = Files.lines(out.resolve(DATE).resolve("invoice-lines.csv")).count() - 1;
        assertThat(query(db, "SELECT count(*) FROM invoice_line")).isEqualTo(Long.toString(csvLines));
    }

    /** The restart's execution has a step execution only for the slices that had not completed before. */
    private void assertOnlyUnfinishedSlicesRanAgain(TestDatabase db, Map<String, String> before, long restartExecution)
            throws Exception {
        Map<String, String> again = sliceStatuses(db, restartExecution);
        List<String> unfinished = before.entrySet().stream().filter(e -> !e.getValue().equals("COMPLETED"))
                .map(Map.Entry::getKey).sorted().toList();
        assertThat(again.keySet()).as("the restart ran exactly the slices that had not completed (before: " + before + ")")
                .containsExactlyInAnyOrderElementsOf(unfinished);
        assertThat(again).allSatisfy((name, status) -> assertThat(status).isEqualTo("COMPLETED"));
    }

    private static Map<String, String> sliceStatuses(TestDatabase db, long jobExecutionId) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT step_name, status FROM batch_step_execution WHERE job_execution_id = "
                     + jobExecutionId + " AND step_name LIKE 'billSlice:%'")) {
            while (rs.next()) m.put(rs.getString(1), rs.getString(2));
        }
        return m;
    }

    private static long lastJobExecution(TestDatabase db) throws Exception {
        return Long.parseLong(query(db, "SELECT max(job_execution_id) FROM batch_job_execution"));
    }

    private static String query(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1; // not migrated yet
        }
    }

    private void waitFor(String what, TestDatabase db, Predicate<Connection> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (Connection c = db.connect()) {
            while (System.nanoTime() < deadline) {
                if (condition.test(c)) return;
                Thread.sleep(20);
            }
        }
        throw new AssertionError(what + " never happened; manager log:\n" + log("manager-run"));
    }
}
