package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run semantics that need a database of their own. */
@Slow
class NightlyRunTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("determinism: the same inputs run twice into fresh databases give byte-identical outputs")
    void sameInputsSameBytes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path out : new Path[] {a, b}) {
            try (TestDatabase db = TestDatabase.create()) {
                Cli.Result r = new Cli(Cli.repository(), db.url()).run("run", "--from", "2026-11-02", "--to",
                        "2026-11-06", "--outbox", out.toString());
                assertThat(r.exitCode()).as(r.all()).isZero();
            }
        }
        for (String d : SampleBookEndToEndTest.DATES) {
            for (String f : new String[] {"invoice-lines.csv", "exceptions.csv", "line-explanations.csv"}) {
                assertThat(Files.mismatch(a.resolve(d).resolve(f), b.resolve(d).resolve(f))).as(d + "/" + f).isEqualTo(-1L);
            }
        }
    }

    @Test
    @DisplayName("a missing feed file or folder: exit 1 naming it, nothing recorded, later dates not blocked; the date runs once its feeds arrive")
    void missingFeedIsNotARecordedFailure() throws IOException {
        Path inbox = tmp.resolve("inbox");
        Path day = Files.createDirectories(inbox.resolve("2026-11-02"));
        Files.copy(Path.of("sample-data/2026-11-02/subscriptions.csv"), day.resolve("subscriptions.csv"));
        Path outbox = tmp.resolve("outbox");
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Cli.Result r = cli.run("run", "--date", "2026-11-02", "--inbox", inbox.toString(), "--outbox", outbox.toString());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("waiting for feeds of 2026-11-02")
                    .contains(day.resolve("fulfillment-events.csv").toString()).doesNotContain("restart");
            assertThat(outbox.resolve("2026-11-02")).doesNotExist();
            assertThat(lines(db)).isZero();
            assertThat(cli.run("status").out()).as("no run recorded").contains("(no runs yet)");

            Cli.Result noFolder = cli.run("run", "--date", "2026-11-07", "--inbox", inbox.toString(), "--outbox", outbox.toString());
            assertThat(noFolder.exitCode()).isEqualTo(1);
            assertThat(noFolder.err()).contains("the feed folder " + inbox.resolve("2026-11-07") + " does not exist");

            Files.copy(Path.of("sample-data/2026-11-02/fulfillment-events.csv"), day.resolve("fulfillment-events.csv"));
            Cli.Result arrived = cli.run("run", "--date", "2026-11-02", "--inbox", inbox.toString(), "--outbox", outbox.toString());
            assertThat(arrived.exitCode()).as(arrived.all()).isZero();
            assertThat(Files.readString(outbox.resolve("2026-11-02/invoice-lines.csv")))
                    .isEqualTo(Files.readString(Path.of("src/test/resources/golden/sample-data/2026-11-02/invoice-lines.csv")));
            Cli.Result later = cli.run("run", "--date", "2026-11-03", "--outbox", outbox.toString());
            assertThat(later.exitCode()).as("the date that waited for its feeds blocks nothing: " + later.all()).isZero();
        }
    }

    @Test
    @DisplayName("a feed that exists but cannot be read fails the run (recorded, blocks later dates); restart after the fix completes")
    void unreadableFeedFailsTheRun() throws IOException {
        Path inbox = tmp.resolve("inbox");
        Path day = Files.createDirectories(inbox.resolve("2026-11-02"));
        Files.copy(Path.of("sample-data/2026-11-02/subscriptions.csv"), day.resolve("subscriptions.csv"));
        Files.createDirectories(day.resolve("fulfillment-events.csv"));
        Path outbox = tmp.resolve("outbox");
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Cli.Result r = cli.run("run", "--date", "2026-11-02", "--inbox", inbox.toString(), "--outbox", outbox.toString());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("fulfillment-events.csv").contains("restart --date 2026-11-02");
            String status = cli.run("status", "--date", "2026-11-02").out();
            assertThat(status).as(status).containsPattern("2026-11-02  FAILED +1  \\S+ +[0-9]+\\.[0-9]s ")
                    .contains("fulfillment-events.csv").contains("checkFeeds").contains("restart --date 2026-11-02")
                    .doesNotContain("STARTED");
            Cli.Result later = cli.run("run", "--date", "2026-11-03", "--inbox", inbox.toString(), "--outbox", outbox.toString());
            assertThat(later.exitCode()).as("a later date waits for the failed one").isEqualTo(3);
            assertThat(later.err()).contains("2026-11-02");

            Files.delete(day.resolve("fulfillment-events.csv"));
            Files.copy(Path.of("sample-data/2026-11-02/fulfillment-events.csv"), day.resolve("fulfillment-events.csv"));
            Cli.Result restarted = cli.run("restart", "--date", "2026-11-02", "--inbox", inbox.toString(), "--outbox", outbox.toString());
            assertThat(restarted.exitCode()).as(restarted.all()).isZero();
            assertThat(Files.readString(outbox.resolve("2026-11-02/invoice-lines.csv")))
                    .isEqualTo(Files.readString(Path.of("src/test/resources/golden/sample-data/2026-11-02/invoice-lines.csv")));
            assertThat(cli.run("status", "--date", "2026-11-02").out()).containsPattern("2026-11-02  COMPLETED +2  ")
                    .contains("loadCommerce");
        }
    }

    @Test
    @DisplayName("bad usage exits 2 with the usage text; a date is parsed before it can become a path")
    void badUsageExitsTwo() {
        Cli cli = new Cli(Cli.repository(), "jdbc:postgresql://127.0.0.1:5432/never-used");
        for (String[] args : new String[][] {{"run"}, {"run", "--date", "2026-13-01"}, {"run", "--date", "../etc"},
                {"run", "--date", "2026-11-02", "--bogus", "x"}, {"frobnicate"}, {"run", "--date", "2026-11-02", "--rounding", "up"},
                {"status", "--last", "0"}, {"run", "--from", "2026-11-05", "--to", "2026-11-01"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("usage: bin/billing");
        }
    }

    @Test
    @DisplayName("embedded default: a second process on the same --db is refused with exit 3 and a clear message")
    void embeddedDatabaseInUseIsRefused() {
        Path dbDir = tmp.resolve("db");
        try (var running = com.marketplacebilling.db.EmbeddedDatabase.start(dbDir)) {
            Cli.Result r = new Cli(Cli.repository(), null).run("status", "--db", dbDir.toString());
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.err()).contains("already in use").contains(dbDir.toAbsolutePath().toString()).contains("pid=")
                    .doesNotContain("Exception");
        }
        Cli.Result after = new Cli(Cli.repository(), null).run("status", "--db", dbDir.toString());
        assertThat(after.exitCode()).as(after.all()).isZero();
    }

    private static long lines(TestDatabase db) {
        try (var c = db.connect(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM invoice_line")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
