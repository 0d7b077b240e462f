package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.ChildCli;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reconcile killed with SIGKILL as soon as its job has started, then simply run again: the same run resumes
 * (its execution recovered, its files checked against their recorded SHA-256) and publishes the golden report.
 */
@Slow
class ReconcileCrashTest {
    @TempDir
    Path tmp;

    @Test
    void killedReconcileResumesAsTheSameRun() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Path out = tmp.resolve("out");
            Cli.Result first = cli.run("run", "--date", "2026-11-02", "--outbox", out.toString());
            assertThat(first.exitCode()).as(first.all()).isZero();

            Process child = ChildCli.start(tmp.resolve("child.log"), "reconcile", "--month", "2026-10", "--outbox",
                    out.toString(), "--spring.datasource.url=" + db.url());
            boolean killed = false;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (child.isAlive() && System.nanoTime() < deadline) {
                if (reconStepStarted(db)) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, the execution stays STARTED
                    killed = true;
                    break;
                }
                Thread.sleep(5);
            }
            child.waitFor(30, TimeUnit.SECONDS);
            assertThat(killed).as("killed while the job ran; child log:\n" + Files.readString(tmp.resolve("child.log")))
                    .isTrue();

            Cli.Result again = cli.run("reconcile", "--month", "2026-10", "--outbox", out.toString());
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("2026-10 reconciled (run 1)");
            Path report = out.resolve("reconciliation").resolve("2026-10");
            for (String f : new String[] {"reconciliation.csv", "reconciliation-summary.csv"}) {
                assertThat(Files.mismatch(report.resolve(f),
                        Path.of("src/test/resources/golden/sample-data/reconciliation/2026-10").resolve(f)))
                        .as(f + " identical to the golden file").isEqualTo(-1L);
            }
            try (Stream<Path> s = Files.list(report.getParent())) {
                assertThat(s.map(p -> p.getFileName().toString())).as("no temporary folder left").containsExactly("2026-10");
            }
            Cli.Result history = cli.run("reconcile", "--history");
            assertThat(history.out().lines().filter(l -> l.matches("^\\d+ +2026-10 .*"))).singleElement()
                    .satisfies(l -> assertThat(l).contains("COMPLETED"));
        }
    }

    private static boolean reconStepStarted(TestDatabase db) {
        try (Connection c = DriverManager.getConnection(db.url(), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM batch_step_execution WHERE step_name LIKE 'recon%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (Exception notYet) {
            return false;
        }
    }
}
