package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety (operations.md): a run killed with SIGKILL at any moment and then simply run again finishes
 * with outputs byte-identical to an uninterrupted run and the same rows in the database. The book size is
 * {@code -Dcrash.subscriptions} (default 100,000, as the issue asks).
 */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {
    static final int SUBSCRIPTIONS = Integer.getInteger("crash.subscriptions", 100_000);
    static final String DATE = "2026-11-02";
    @TempDir
    static Path tmp;
    private Path inbox;
    private Path baselineOut;
    private Map<String, String> baselineDb;

    /** Where to pull the plug: a description and a condition on the job repository's progress. */
    record KillPoint(String name, Predicate<Progress> when) {
        @Override
        public String toString() { return name; }
    }

    /** The running execution's steps as stored at each chunk commit. */
    record Progress(Map<String, long[]> steps) {
        long read(String step) { return steps.containsKey(step) ? steps.get(step)[0] : -1; }

        /** Items read by all partitions of a partitioned step ("billSlice:slice0", ...). */
        long readAll(String workerStep) {
            return steps.entrySet().stream().filter(e -> e.getKey().startsWith(workerStep + ":"))
                    .mapToLong(e -> e.getValue()[0]).sum();
        }

        boolean started(String step) { return steps.containsKey(step); }
    }

    @BeforeAll
    void uninterruptedBaseline() throws Exception {
        inbox = tmp.resolve("inbox");
        Cli.Result g = new Cli(Cli.repository(), null).run("generate", "--subscriptions", Integer.toString(SUBSCRIPTIONS),
                "--days", "1", "--seed", "11", "--out", inbox.toString(), "--start", DATE);
        assertThat(g.exitCode()).as(g.all()).isZero();
        baselineOut = tmp.resolve("baseline");
        try (TestDatabase db = TestDatabase.create()) {
            Cli.Result r = new Cli(Cli.repository(), db.url()).run("run", "--date", DATE, "--inbox", inbox.toString(),
                    "--outbox", baselineOut.toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
            baselineDb = fingerprint(db.url());
        }
    }

    @AfterAll
    void cleanUp() { /* @TempDir removes the files */ }

    static List<KillPoint> killPoints() {
        long n = SUBSCRIPTIONS;
        return List.of(
                new KillPoint("loading the commerce feed, ~40%", p -> p.read("loadCommerce") >= n * 2 / 5),
                new KillPoint("loading the fulfillment feed, ~50%", p -> p.read("loadFulfillment") >= n),
                new KillPoint("billing, ~25%", p -> p.readAll("billSlice") >= n / 4),
                new KillPoint("billing, ~75%", p -> p.readAll("billSlice") >= n * 3 / 4),
                new KillPoint("publishing", p -> p.started("publish")));
    }

    /** One test per kill point, so a failure at one point does not hide the others. */
    @ParameterizedTest(name = "kill -9 {0}, run again on PostgreSQL: outputs and database identical")
    @MethodSource("killPoints")
    void killAndRerunOnPostgres(KillPoint k) throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Path out = tmp.resolve("out-" + k.name().replaceAll("\\W+", "-"));
            List<String> args = List.of("run", "--date", DATE, "--inbox", inbox.toString(), "--outbox", out.toString(),
                    "--spring.datasource.url=" + db.url());
            killDuring(args, db.url(), k);
            Cli.Result again = new Cli(Cli.repository(), db.url()).run("run", "--date", DATE, "--inbox",
                    inbox.toString(), "--outbox", out.toString());
            assertThat(again.exitCode()).as(k.name() + ": " + again.all()).isZero();
            assertSameAsBaseline(k.name(), out, fingerprint(db.url()));
        }
    }

    static List<KillPoint> embeddedKillPoints() { return List.of(killPoints().get(0), killPoints().get(3)); }

    @ParameterizedTest(name = "kill -9 {0} in embedded mode (the server is orphaned), run again: identical outputs")
    @MethodSource("embeddedKillPoints")
    void killAndRerunEmbedded(KillPoint k) throws Exception {
        Path dbDir = tmp.resolve("db-" + k.name().replaceAll("\\W+", "-"));
        Path out = tmp.resolve("emb-" + k.name().replaceAll("\\W+", "-"));
        List<String> args = List.of("run", "--date", DATE, "--inbox", inbox.toString(), "--outbox", out.toString(),
                "--db", dbDir.toString());
        killDuring(args, null, k);
        Cli.Result again = new Cli(Cli.repository(), null).run("run", "--date", DATE, "--inbox", inbox.toString(),
                "--outbox", out.toString(), "--db", dbDir.toString());
        assertThat(again.exitCode()).as(k.name() + ": " + again.all()).isZero();
        assertSameAsBaseline("embedded, " + k.name(), out, null);
    }

    private void assertSameAsBaseline(String point, Path out, Map<String, String> db) throws Exception {
        for (String f : new String[] {"invoice-lines.csv", "exceptions.csv", "line-explanations.csv"}) {
            assertThat(Files.mismatch(out.resolve(DATE).resolve(f), baselineOut.resolve(DATE).resolve(f)))
                    .as(point + ": " + f + " byte-identical to the uninterrupted run").isEqualTo(-1L);
        }
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as(point + ": no temporary folder left")
                    .containsExactly(DATE);
        }
        if (db != null) assertThat(db).as(point + ": database rows").isEqualTo(baselineDb);
    }

    /** Starts the CLI in a child JVM, kills it with SIGKILL when the kill point is reached. */
    private void killDuring(List<String> args, String url, KillPoint k) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Duser.timezone=UTC", "-Dbilling.home=" + Cli.repository(),
                "-cp", System.getProperty("java.class.path"), "com.marketplacebilling.cli.BillingCli"));
        cmd.addAll(args);
        Path log = Files.createTempFile(tmp, "child", ".log");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        boolean killed = false;
        while (child.isAlive() && System.nanoTime() < deadline) {
            // postgres writes postmaster.pid progressively: read the embedded server's port on every poll
            String jdbc = url != null ? url : embeddedUrl(args);
            Progress p = jdbc == null ? null : progress(jdbc);
            if (p != null && k.when().test(p)) {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                killed = true;
                break;
            }
            Thread.sleep(20);
        }
        child.waitFor(30, TimeUnit.SECONDS);
        assertThat(killed).as(k.name() + ": the kill point was reached before the run ended; child log:\n"
                + Files.readString(log)).isTrue();
    }

    /** The embedded server's URL, read from its postmaster.pid (line 4 is the port). */
    private static String embeddedUrl(List<String> args) throws Exception {
        Path dbDir = Path.of(args.get(args.indexOf("--db") + 1));
        Path pid = dbDir.resolve("postmaster.pid");
        if (!Files.exists(pid)) return null;
        List<String> lines = Files.readAllLines(pid);
        return lines.size() < 5 || !lines.get(3).strip().matches("[0-9]+") ? null
                : "jdbc:postgresql://localhost:" + lines.get(3).strip() + "/postgres";
    }

    private static Progress progress(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement ps = c.prepareStatement("SELECT step_name, read_count, status FROM batch_step_execution");
             ResultSet rs = ps.executeQuery()) {
            Map<String, long[]> steps = new TreeMap<>();
            while (rs.next()) steps.put(rs.getString(1), new long[] {rs.getLong(2)});
            return new Progress(steps);
        } catch (Exception e) {
            return null; // not migrated yet, or the server is starting
        }
    }

    /** Row counts and content hashes of the ledger tables. */
    static Map<String, String> fingerprint(String url) throws Exception {
        Map<String, String> f = new TreeMap<>();
        String[][] tables = {
                {"invoice_line", "concat_ws('|', line_id, billed_on, subtotal, quantity, effective_unit_price)", "line_id"},
                {"billing_exception", "concat_ws('|', exception_id, business_date, code)", "exception_id"},
                {"commerce_version", "concat_ws('|', subscription_id, content_key, business_date, source_line)",
                        "subscription_id, content_key"},
                {"fulfillment_event", "concat_ws('|', business_date, source_line, event_id)", "business_date, source_line"},
                {"subscription", "subscription_id", "subscription_id"},
                {"feed_file", "concat_ws('|', file_name, sha256, data_rows, malformed_rows)", "file_name"}};
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            for (String[] t : tables) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) || ':' || coalesce(md5(string_agg(" + t[1]
                        + ", ',' ORDER BY " + t[2] + ")), '') FROM " + t[0]); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    f.put(t[0], rs.getString(1));
                }
            }
            // the console's search indexes, which a first night's commerce load defers to the bill step (D46)
            try (PreparedStatement ps = c.prepareStatement("SELECT string_agg(indexname, ',' ORDER BY indexname)"
                    + " FROM pg_indexes WHERE tablename = 'commerce_version' AND schemaname = current_schema()");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                f.put("commerce_version indexes", rs.getString(1));
            }
        }
        return f;
    }

}
