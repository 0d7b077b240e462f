package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.reconcile.ReconCode;
import com.marketplacebilling.reconcile.ReconStatus;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Golden;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 end to end on PostgreSQL: bin/billing reconcile on the sample book's October against the golden
 * files, reruns, a changed file, the history, the refusals and failures (docs/reconciliation.md).
 */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileEndToEndTest {
    static final Path SAMPLE = Path.of("sample-data", "partner-center", "2026-10");
    static final String GOLDEN = "sample-data/reconciliation/2026-10/";
    private TestDatabase db;
    private Cli cli;
    @TempDir
    Path tmp;
    private Path inbox;
    private Path outbox;
    private Path report;

    @BeforeAll
    void createDatabase() throws IOException {
        db = TestDatabase.create();
        cli = new Cli(Cli.repository(), db.url());
    }

    @AfterAll
    void dropDatabase() { db.close(); }

    private Cli.Result reconcile(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("reconcile", "--month", "2026-10", "--inbox",
                inbox.toString(), "--outbox", outbox.toString()));
        args.addAll(Arrays.asList(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    @DisplayName("refused with exit 3 until the month is complete, naming the last completed business date")
    void refusedUntilComplete() throws IOException {
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        outbox = tmp.resolve("out");
        copy(Path.of("sample-data", "2026-11-02"), inbox.resolve("2026-11-02"));
        Cli.Result none = reconcile("--recon-folder", SAMPLE.toString());
        assertThat(none.exitCode()).as(none.all()).isEqualTo(3);
        assertThat(none.err()).contains("2026-10 is not complete").contains("last completed business date is none");

        Cli.Result first = cli.run("run", "--date", "2026-11-02", "--inbox", inbox.toString(), "--outbox", outbox.toString());
        assertThat(first.exitCode()).as(first.all()).isZero();
        Cli.Result november = cli.run("reconcile", "--month", "2026-11", "--inbox", inbox.toString(), "--outbox",
                outbox.toString(), "--recon-folder", SAMPLE.toString());
        assertThat(november.exitCode()).as(november.all()).isEqualTo(3);
        assertThat(november.err()).contains("last completed business date is 2026-11-02");
    }

    @Test
    @Order(2)
    @DisplayName("a month with an unfinished date (a failed run) is refused with exit 3 naming that date")
    void refusedWhileADateIsUnfinished() throws IOException {
        Path day = Files.createDirectories(inbox.resolve("2026-11-03"));
        Files.copy(Path.of("sample-data", "2026-11-03", "fulfillment-events.csv"), day.resolve("fulfillment-events.csv"));
        String commerce = Files.readString(Path.of("sample-data", "2026-11-03", "subscriptions.csv"), StandardCharsets.UTF_8);
        Files.writeString(day.resolve("subscriptions.csv"), commerce.replaceFirst("currency", "money"), StandardCharsets.UTF_8);
        Cli.Result failed = cli.run("run", "--date", "2026-11-03", "--inbox", inbox.toString(), "--outbox", outbox.toString());
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        Cli.Result refused = reconcile("--recon-folder", SAMPLE.toString());
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(3);
        assertThat(refused.err()).contains("2026-11-03 has an unfinished run").contains("2026-11-02");
        Cli.Result abandoned = cli.run("abandon", "--date", "2026-11-03", "--inbox", inbox.toString(), "--outbox",
                outbox.toString());
        assertThat(abandoned.exitCode()).as(abandoned.all()).isZero();
    }

    @Test
    @Order(3)
    @DisplayName("a missing folder, an empty folder, a missing required column: exit 1 naming the folder or file and column, nothing recorded")
    void badFoldersFailBeforeAnythingIsWritten() throws IOException {
        Cli.Result missing = reconcile(); // <inbox>/partner-center/2026-10 does not exist
        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(1);
        assertThat(missing.err()).contains(inbox.resolve("partner-center").resolve("2026-10").toString())
                .contains("does not exist");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a csv");
        Cli.Result none = reconcile("--recon-folder", empty.toString());
        assertThat(none.exitCode()).as(none.all()).isEqualTo(1);
        assertThat(none.err()).contains(empty.toString()).contains("no *.csv file");

        Path noColumn = Files.createDirectories(tmp.resolve("no-column"));
        copy(SAMPLE, noColumn);
        Path eur = noColumn.resolve("G017000101-EUR.csv");
        String text = Files.readString(eur, StandardCharsets.UTF_8);
        Files.writeString(eur, text.replaceFirst(",Currency,", ",Devise,"), StandardCharsets.UTF_8);
        Cli.Result column = reconcile("--recon-folder", noColumn.toString());
        assertThat(column.exitCode()).as(column.all()).isEqualTo(1);
        assertThat(column.err()).contains(eur.toString()).contains("required column Currency is missing");

        assertThat(outbox.resolve("reconciliation")).as("nothing published").doesNotExist();
        Cli.Result history = reconcile("--history");
        assertThat(history.exitCode()).as(history.all()).isZero();
        assertThat(history.out()).contains("no reconciliation runs");
    }

    @Test
    @Order(4)
    @DisplayName("the sample October matches its golden report, summary and manifest; every status and code appears")
    void sampleMonthMatchesGoldenFiles() throws IOException {
        Path partnerCenter = Files.createDirectories(inbox.resolve("partner-center").resolve("2026-10"));
        copy(SAMPLE, partnerCenter); // the default folder: <inbox>/partner-center/<YYYY-MM>
        Cli.Result r = reconcile();
        assertThat(r.exitCode()).as(r.all()).isZero();
        report = outbox.resolve("reconciliation").resolve("2026-10");
        assertThat(r.out()).contains("2026-10 reconciled (run 1)").contains(report.toString());
        Golden.assertMatches(report.resolve("reconciliation.csv"), GOLDEN + "reconciliation.csv");
        Golden.assertMatches(report.resolve("reconciliation-summary.csv"), GOLDEN + "reconciliation-summary.csv");
        assertManifestMatches(report.resolve("manifest.json"), GOLDEN + "manifest.json");
        try (Stream<Path> files = Files.list(report)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("manifest.json", "reconciliation-summary.csv", "reconciliation.csv");
        }

        List<String> rows = Files.readAllLines(report.resolve("reconciliation.csv"), StandardCharsets.UTF_8);
        String body = String.join("\n", rows.subList(1, rows.size()));
        for (ReconCode code : ReconCode.values()) {
            assertThat(body).as("code %s appears in the sample's report", code).contains("," + code.name() + ",");
        }
        for (ReconStatus status : ReconStatus.values()) {
            assertThat(rows).as("status %s", status).anyMatch(l -> l.startsWith(status.name() + ","));
        }
        // the rows the sample's story names (sample-data/README.md)
        assertThat(rows).anyMatch(l -> l.startsWith("ONLY_MICROSOFT,RECON_BILLED_BEFORE_ACTIVATION,ERROR,sub-0037,")
                && l.contains("LicensesAssigned arrived 2026-10-06, Activate never arrived"));
        assertThat(rows).anyMatch(l -> l.startsWith("ONLY_MICROSOFT,RECON_UNKNOWN_SUBSCRIPTION,ERROR,sub-9001,"));
        assertThat(rows).anyMatch(l -> l.startsWith("AMOUNT_DIFFERS,RECON_ROUNDING,INFO,sub-0006,") && l.contains(",3140.00,3141.50,1.50,"));
        assertThat(rows).anyMatch(l -> l.startsWith("AMOUNT_DIFFERS,RECON_AMOUNT_MISMATCH,ERROR,sub-0004,") && l.contains(",81.00,84.00,3.00,"));
        assertThat(rows).anyMatch(l -> l.startsWith("MATCHED,RECON_OTHER_MONTH,INFO,sub-0002,") && l.contains("INV-202609-cust-1001-EUR"));
        assertThat(rows).anyMatch(l -> l.startsWith("ONLY_OURS,RECON_MISSING_IN_MICROSOFT,WARNING,sub-0018,"));
        assertThat(rows).anyMatch(l -> l.startsWith("MATCHED,,,sub-0028,") && l.contains("1473.74 EUR at exchange rate 0.9234"));
        assertThat(rows).as("formula guard on Microsoft's text").anyMatch(l -> l.contains("\"'=HYPERLINK("));

        // accounting: each input's rows = compared + set aside + malformed = the file's data records
        String manifest = Files.readString(report.resolve("manifest.json"));
        Matcher m = Pattern.compile("\"name\": \"([^\"]+\\.csv)\",\\s*\"sha256\": \"[0-9a-f]{64}\",\\s*\"rows\": (\\d+),"
                + "\\s*\"compared\": (\\d+),\\s*\"setAside\": (\\d+),\\s*\"malformed\": (\\d+)").matcher(manifest);
        int inputs = 0;
        while (m.find()) {
            inputs++;
            long rowsIn = Long.parseLong(m.group(2));
            assertThat(rowsIn).isEqualTo(Long.parseLong(m.group(3)) + Long.parseLong(m.group(4)) + Long.parseLong(m.group(5)))
                    .isEqualTo(SampleBookEndToEndTest.dataRecords(SAMPLE.resolve(m.group(1))));
        }
        assertThat(inputs).isEqualTo(2);
    }

    @Test
    @Order(5)
    @DisplayName("a rerun of the same files gives byte-identical CSVs, as does one after more dates were billed (a new run each)")
    void rerunIsByteIdentical() throws IOException {
        byte[] csv = Files.readAllBytes(report.resolve("reconciliation.csv"));
        byte[] summary = Files.readAllBytes(report.resolve("reconciliation-summary.csv"));
        Cli.Result again = reconcile();
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("(run 2)");
        assertThat(Files.readAllBytes(report.resolve("reconciliation.csv"))).isEqualTo(csv);
        assertThat(Files.readAllBytes(report.resolve("reconciliation-summary.csv"))).isEqualTo(summary);

        for (String d : List.of("2026-11-04", "2026-11-05")) copy(Path.of("sample-data", d), inbox.resolve(d));
        Cli.Result later = cli.run("run", "--from", "2026-11-04", "--to", "2026-11-05", "--inbox", inbox.toString(),
                "--outbox", outbox.toString());
        assertThat(later.exitCode()).as(later.all()).isZero();
        Cli.Result longer = reconcile();
        assertThat(longer.exitCode()).as(longer.all()).isZero();
        assertThat(longer.out()).contains("(run 3)");
        assertThat(Files.readAllBytes(report.resolve("reconciliation.csv"))).as("later dates bill November only")
                .isEqualTo(csv);
        try (Stream<Path> s = Files.list(report.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temporary folders left behind")
                    .containsExactly("2026-10");
        }
    }

    @Test
    @Order(6)
    @DisplayName("a changed file republishes, and the history lists both versions with their SHA-256")
    void changedFileRepublishesAndHistoryListsBoth() throws IOException {
        Path folder = inbox.resolve("partner-center").resolve("2026-10");
        Path eur = folder.resolve("G017000101-EUR.csv");
        String before = sha256(eur);
        String text = Files.readString(eur, StandardCharsets.UTF_8);
        // Microsoft's corrected file: sub-0004 at our price (12 x 6.75 = 81.00)
        String fixed = text.replace(",new,7.00,12,84.00,0,84.00,EUR,", ",new,6.75,12,81.00,0,81.00,EUR,");
        assertThat(fixed).isNotEqualTo(text);
        Files.writeString(eur, fixed, StandardCharsets.UTF_8);
        Cli.Result r = reconcile();
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("(run 4)");
        String csv = Files.readString(report.resolve("reconciliation.csv"));
        assertThat(csv).doesNotContain("RECON_AMOUNT_MISMATCH").contains("MATCHED,,,sub-0004,");

        Cli.Result history = reconcile("--history");
        assertThat(history.exitCode()).as(history.all()).isZero();
        assertThat(history.out()).contains(before).contains(sha256(eur)).contains("G017000101-EUR.csv")
                .contains("COMPLETED");
        assertThat(history.out().lines().filter(l -> l.matches("^[1-4] +2026-10 +COMPLETED.*"))).hasSize(4);
    }

    @Test
    @Order(7)
    @DisplayName("a run that failed resumes as the same run when given the same files; the history shows it")
    void failedRunIsRestarted() throws IOException {
        Path blocked = tmp.resolve("out-blocked");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("reconciliation"), "a file where the report's folder goes");
        Cli.Result failed = cli.run("reconcile", "--month", "2026-10", "--inbox", inbox.toString(), "--outbox",
                blocked.toString());
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("reconciliation FAILED").contains("resume run 5");
        Files.delete(blocked.resolve("reconciliation"));
        Cli.Result resumed = cli.run("reconcile", "--month", "2026-10", "--inbox", inbox.toString(), "--outbox",
                blocked.toString());
        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(resumed.out()).contains("(run 5)");
        assertThat(Files.readAllBytes(blocked.resolve("reconciliation").resolve("2026-10").resolve("reconciliation.csv")))
                .isEqualTo(Files.readAllBytes(report.resolve("reconciliation.csv")));
    }

    private static void assertManifestMatches(Path manifest, String golden) throws IOException {
        Path stable = Files.createTempFile("recon-manifest", ".json");
        try {
            Files.writeString(stable, Files.readAllLines(manifest).stream()
                    .filter(l -> !l.matches("\\s*\"(runId|startedAt)\".*")).collect(Collectors.joining("\n", "", "\n")));
            Golden.assertMatches(stable, golden);
        } finally {
            Files.delete(stable);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }
}
