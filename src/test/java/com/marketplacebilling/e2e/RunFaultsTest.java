package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.marketplacebilling.feed.FeedHeaders;
import com.marketplacebilling.db.EmbeddedDatabase;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Golden;
import com.marketplacebilling.support.Slow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults during a run: the database connections killed or the server stopped mid-step, an outbox that cannot
 * be written, a feed that changes before a restart. Each must fail with exit 1 and a clear message, publish
 * nothing partial, and a restart must then give outputs byte-identical to an undisturbed run.
 */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunFaultsTest {
    private static final String DATE = "2026-11-02";
    /** Enough rows that load and bill take several chunks (LOAD_CHUNK 2000, BILL_CHUNK 500). */
    private static final int BIG = 12_000;
    private static final Path SAMPLE_GOLDEN = Path.of("src/test/resources/golden/sample-data", DATE);
    private MigratedDatabases databases;
    @TempDir
    static Path shared;
    private Path bigInbox;
    private Path reference;

    @BeforeAll
    void setUp() throws IOException {
        databases = new MigratedDatabases();
        bigInbox = shared.resolve("big-inbox");
        writeBigInbox(bigInbox.resolve(DATE), BIG);
        reference = shared.resolve("reference");
        try (MigratedDatabases.Copy db = databases.create()) {
            Cli.Result r = new Cli(Cli.repository(), db.url()).run("run", "--date", DATE, "--inbox", bigInbox.toString(),
                    "--outbox", reference.toString());
            assertThat(r.exitCode()).as("undisturbed reference run: " + r.all()).isZero();
        }
    }

    @AfterAll
    void tearDown() { databases.close(); }

    // ---- (a) the database goes away ------------------------------------------------------------------------

    @ParameterizedTest(name = "connections terminated during {0}")
    @ValueSource(strings = {"loadFulfillment", "billSlice"})
    @DisplayName("the job's connections are terminated mid-step: exit 1 with the cause; restart gives identical outputs")
    void connectionsTerminatedMidStep(String step, @TempDir Path tmp) throws Exception {
        Path outbox = tmp.resolve("out");
        try (MigratedDatabases.Copy db = databases.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> cli.run("run", "--date", DATE,
                    "--inbox", bigInbox.toString(), "--outbox", outbox.toString()));
            try (Connection admin = db.connect()) {
                awaitCommittedChunk(admin, step, run);
                try (Statement st = admin.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND pid <> pg_backend_pid()");
                }
            }
            Cli.Result failed = run.get(3, TimeUnit.MINUTES);
            System.out.println("RunFaultsTest, connections terminated during " + step + ": " + failed.err());
            assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
            assertThat(failed.err()).as(failed.all())
                    .contains("lost the database connection")
                    .contains(DATE + " did not complete").contains("restart --date " + DATE).doesNotContain("\tat ");
            assertThat(outbox.resolve(DATE)).doesNotExist();
            Outputs.assertNoLeftovers(outbox);

            Cli.Result restarted = cli.run("restart", "--date", DATE, "--inbox", bigInbox.toString(), "--outbox",
                    outbox.toString());
            assertThat(restarted.exitCode()).as(restarted.all()).isZero();
            assertSameOutputs(outbox.resolve(DATE), reference.resolve(DATE));
        }
    }

    @Test
    @DisplayName("the PostgreSQL server stops mid-run (own embedded server): exit 1; after it starts again, restart gives identical outputs")
    void serverStoppedMidRun(@TempDir Path tmp) throws Exception {
        Path outbox = tmp.resolve("out");
        Path dataDir = tmp.resolve("pg").resolve("db");
        EmbeddedDatabase server = EmbeddedDatabase.start(dataDir);
        Cli.Result failed;
        try {
            String url = server.jdbcUrl() + "&reWriteBatchedInserts=true";
            Cli cli = new Cli(Cli.repository(), url);
            CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(() -> cli.run("run", "--date", DATE,
                    "--inbox", bigInbox.toString(), "--outbox", outbox.toString(),
                    "--spring.datasource.hikari.connection-timeout=3000"));
            try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), "postgres", "")) {
                awaitCommittedChunk(admin, "billSlice", run);
            }
            server.close(); // fast shutdown: every session ends, the server is gone
            failed = run.get(3, TimeUnit.MINUTES);
        } finally {
            server.close();
        }
        System.out.println("RunFaultsTest, server stopped: " + failed.err());
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).as(failed.all()).contains("restart --date " + DATE).doesNotContain("\tat ");
        assertThat(outbox.resolve(DATE)).doesNotExist();

        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            Cli cli = new Cli(Cli.repository(), again.jdbcUrl() + "&reWriteBatchedInserts=true");
            Cli.Result restarted = cli.run("restart", "--date", DATE, "--inbox", bigInbox.toString(), "--outbox",
                    outbox.toString());
            assertThat(restarted.exitCode()).as(restarted.all()).isZero();
        }
        assertSameOutputs(outbox.resolve(DATE), reference.resolve(DATE));
        Outputs.assertNoLeftovers(outbox);
    }

    // ---- (b) the outbox cannot be written ------------------------------------------------------------------

    @Test
    @DisplayName("the outbox is a file: the run fails before publishing, the file is untouched; restart after the fix publishes")
    void outboxIsAFile(@TempDir Path tmp) throws IOException {
        Path outbox = tmp.resolve("out");
        Files.writeString(outbox, "not a folder\n");
        try (MigratedDatabases.Copy db = databases.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Cli.Result r = cli.run("run", "--date", DATE, "--outbox", outbox.toString());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).as(r.all()).contains("in step publish").contains(outbox.toString())
                    .contains("restart --date " + DATE).doesNotContain("\tat ");
            assertThat(Files.readString(outbox)).isEqualTo("not a folder\n");
            assertThat(db.count("SELECT count(*) FROM business_run WHERE status = 'COMPLETED'")).isZero();
            try (Stream<Path> s = Files.list(tmp)) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out");
            }

            Files.delete(outbox);
            Cli.Result restarted = cli.run("restart", "--date", DATE, "--outbox", outbox.toString());
            assertThat(restarted.exitCode()).as(restarted.all()).isZero();
            assertSameOutputs(outbox.resolve(DATE), SAMPLE_GOLDEN);
        }
    }

    @Test
    @DisplayName("the outbox file system is full (tiny tmpfs): the run fails in publish, the date's previous outputs stay intact, no temporary files remain")
    void outboxFull(@TempDir Path tmp) throws Exception {
        Path outbox = Files.createDirectories(tmp.resolve("out"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", outbox.toString())
                .redirectErrorStream(true).start();
        assumeThat(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0)
                .as("mounting a tmpfs needs root and CAP_SYS_ADMIN").isTrue();
        try {
            // previous outputs of the date (say, published from another database) that must survive the failure
            Path previous = Files.createDirectories(outbox.resolve(DATE));
            Files.writeString(previous.resolve("invoice-lines.csv"), "previous lines\n");
            Files.writeString(previous.resolve("exceptions.csv"), "previous exceptions\n");
            Files.writeString(previous.resolve("manifest.json"), "{\"previous\": true}\n");
            Map<String, String> before = snapshot(outbox);
            fill(outbox.resolve("filler"), 8 * 1024); // leave 8 KiB; invoice-lines.csv needs 21 KiB
            try (MigratedDatabases.Copy db = databases.create()) {
                Cli cli = new Cli(Cli.repository(), db.url());
                Cli.Result r = cli.run("run", "--date", DATE, "--outbox", outbox.toString());
                System.out.println("RunFaultsTest, outbox full: " + r.err());
                assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
                assertThat(r.err()).as(r.all()).contains("in step publish").contains("No space left on device")
                        .doesNotContain("\tat ");
                Files.delete(outbox.resolve("filler"));
                assertThat(snapshot(outbox)).as("previous outputs intact, nothing else left").isEqualTo(before);
                Outputs.assertNoLeftovers(outbox);

                Cli.Result restarted = cli.run("restart", "--date", DATE, "--outbox", outbox.toString());
                assertThat(restarted.exitCode()).as(restarted.all()).isZero();
                assertSameOutputs(outbox.resolve(DATE), SAMPLE_GOLDEN);
                Outputs.assertNoLeftovers(outbox);
            }
        } finally {
            new ProcessBuilder("umount", outbox.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    // ---- (c) a feed changes between a failed run and its restart ---------------------------------------------

    @Test
    @DisplayName("a feed changed before the restart is refused by its SHA-256, not mixed; with the original back the restart completes")
    void changedFeedIsRefusedOnRestart(@TempDir Path tmp) throws IOException {
        Path inbox = tmp.resolve("inbox");
        Path day = Files.createDirectories(inbox.resolve(DATE));
        for (String f : new String[] {"subscriptions.csv", "fulfillment-events.csv"}) {
            Files.copy(Path.of("sample-data", DATE, f), day.resolve(f));
        }
        Path outbox = tmp.resolve("out");
        Files.writeString(outbox, "a file, so that the first attempt fails after loading and billing\n");
        try (MigratedDatabases.Copy db = databases.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            String[] args = {"--date", DATE, "--inbox", inbox.toString(), "--outbox", outbox.toString()};
            Cli.Result first = cli.run(concat("run", args));
            assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
            long lines = db.count("SELECT count(*) FROM invoice_line");
            assertThat(lines).as("the first attempt billed before it failed").isPositive();
            Files.delete(outbox);

            byte[] original = Files.readAllBytes(day.resolve("subscriptions.csv"));
            String changed = new String(original, StandardCharsets.UTF_8).replaceFirst(",10,10.08,EUR,", ",11,10.08,EUR,");
            assertThat(changed).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
            Files.writeString(day.resolve("subscriptions.csv"), changed);
            Cli.Result refused = cli.run(concat("restart", args));
            System.out.println("RunFaultsTest, changed feed: " + refused.err());
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).as(refused.all()).contains(day.resolve("subscriptions.csv").toString())
                    .contains("changed since");
            assertThat(outbox).doesNotExist();
            assertThat(db.count("SELECT count(*) FROM invoice_line")).as("nothing billed from the changed file").isEqualTo(lines);

            Files.write(day.resolve("subscriptions.csv"), original);
            Cli.Result restarted = cli.run(concat("restart", args));
            assertThat(restarted.exitCode()).as(restarted.all()).isZero();
            assertSameOutputs(outbox.resolve(DATE), SAMPLE_GOLDEN);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Waits until {@code step} of the running job has committed at least one chunk (and is still running). */
    private static void awaitCommittedChunk(Connection c, String step, CompletableFuture<Cli.Result> run)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(run).as("the run ended before step %s committed a chunk", step).isNotDone();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT commit_count FROM batch_step_execution WHERE status = 'STARTED'"
                         + " AND split_part(step_name, ':', 1) = '" + step + "'")) {
                if (rs.next() && rs.getLong(1) >= 1) return;
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("does not exist")) throw e; // not migrated yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("step " + step + " never committed a chunk");
    }

    private static void assertSameOutputs(Path actual, Path expected) throws IOException {
        for (String f : new String[] {"invoice-lines.csv", "exceptions.csv", "line-explanations.csv"}) {
            assertThat(Files.mismatch(actual.resolve(f), expected.resolve(f))).as("%s byte-identical to %s", f, expected)
                    .isEqualTo(-1L);
        }
        assertThat(Golden.stableManifest(actual.resolve("manifest.json")))
                .isEqualTo(Golden.stableManifest(expected.resolve("manifest.json")));
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    /** Fills the file system of {@code file} until only about {@code leave} bytes are free. */
    private static void fill(Path file, int leave) throws IOException {
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            while (true) out.write(block);
        } catch (IOException full) {
            // expected: No space left on device
        }
        long size = Files.size(file);
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, size - leave));
        }
    }

    private static String[] concat(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** A generated inbox: n monthly subscriptions, each licensed and activated by its publisher. */
    static void writeBigInbox(Path day, int n) throws IOException {
        Files.createDirectories(day);
        try (Writer s = Files.newBufferedWriter(day.resolve("subscriptions.csv"));
             Writer f = Files.newBufferedWriter(day.resolve("fulfillment-events.csv"))) {
            s.write(FeedHeaders.COMMERCE_HEADER + "\n");
            f.write(FeedHeaders.FULFILLMENT_HEADER + "\n");
            for (int i = 0; i < n; i++) {
                LocalDate ordered = LocalDate.of(2026, 10, 1 + i % 28);
                int qty = 1 + i % 50;
                String currency = i % 3 == 0 ? "USD" : i % 3 == 1 ? "EUR" : "JPY";
                String price = currency.equals("JPY") ? "1200" : "10.08";
                s.write(String.format(Locale.ROOT, "sub-%06d,ord-%06d,cust-%05d,Customer %d,DE,,pub-1,Publisher One,"
                        + "offer-1,basic,,%d,%s,%s,P1M,monthly,true,active,%sT09:00:00Z,%sT10:00:00Z,\n",
                        i, i, i / 4, i / 4, qty, price, currency, ordered, ordered));
                f.write(String.format(Locale.ROOT, "evt-%06d-a,sub-%06d,pub-1,LicensesAssigned,%sT11:00:00Z,,%d,Succeeded\n",
                        i, i, ordered, qty));
                f.write(String.format(Locale.ROOT, "evt-%06d-b,sub-%06d,pub-1,Activate,%sT11:05:00Z,basic,%d,Succeeded\n",
                        i, i, ordered, qty));
            }
        }
    }
}
