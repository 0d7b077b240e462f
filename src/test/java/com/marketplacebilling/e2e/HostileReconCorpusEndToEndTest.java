package com.marketplacebilling.e2e;

import static com.marketplacebilling.support.Corpus.load;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A few cases of the hostile corpus for Microsoft's file (src/test/resources/recon-corpus, see
 * reconcile/HostileReconCorpusTest) through the real command: {@code bin/billing reconcile --month 2026-10
 * --recon-folder <case>} on a ledger that billed the feed corpus's base book (sub-a, sub-b, sub-c, activated in
 * October) on 2026-11-02. For each: no stack trace; exit 1 for a missing column with the file and the column named
 * and nothing published; otherwise the manifest accounts for every row (rows = compared + set aside + malformed,
 * as expected), reconciliation.csv has a row per Microsoft row plus our unmatched lines, and no text cell of the
 * report can run as a formula. See docs/robustness.md, section 5.
 */
@Slow
class HostileReconCorpusEndToEndTest {
    static final Path CORPUS = Path.of("src/test/resources/recon-corpus");
    static final Path BOOK = Path.of("src/test/resources/corpus/valid-baseline");
    private static final Pattern INPUT = Pattern.compile("\"name\": \"([^\"]+)\",\\s*\"sha256\": \"[0-9a-f]{64}\","
            + "\\s*\"rows\": (\\d+),\\s*\"compared\": (\\d+),\\s*\"setAside\": (\\d+),\\s*\"malformed\": (\\d+)");
    /** Columns of the report that are numbers or dates (never guarded); every other cell is text. */
    private static final Set<String> NOT_TEXT = Set.of("ChargeStartDate", "ChargeEndDate", "Quantity", "OurSubtotal",
            "MicrosoftSubtotal", "Difference", "MicrosoftLine", "MicrosoftRows", "MicrosoftTotal", "OurLines",
            "OurTotal", "Matched", "MatchedTotal", "Differences", "DifferenceTotal", "OnlyMicrosoft",
            "OnlyMicrosoftTotal", "OnlyOurs", "OnlyOursTotal");

    @TempDir
    static Path tmp;
    static TestDatabase db;
    static Cli cli;

    @BeforeAll
    static void billTheBaseBook() {
        db = TestDatabase.create();
        cli = new Cli(Cli.repository(), db.url());
        Cli.Result r = cli.run("run", "--date", "2026-11-02", "--inbox", BOOK.toString(), "--outbox",
                tmp.resolve("nightly").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    @AfterAll
    static void drop() { db.close(); }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"valid-baseline", "bom-crlf-spaced-headers", "quoted-fields", "stray-quotes",
            "formula-text", "charge-types", "numbers-and-currency", "field-count", "header-only", "several-files",
            "missing-currency", "second-file-missing-column", "empty-file"})
    void throughTheCommand(String name) throws Exception {
        Properties exp = load(CORPUS.resolve(name).resolve("expected.properties"));
        Path outbox = tmp.resolve("out-" + name);
        Cli.Result r = cli.run("reconcile", "--month", "2026-10", "--recon-folder", CORPUS.resolve(name).toString(),
                "--outbox", outbox.toString());
        String what = name + ": " + exp.getProperty("description") + "\n" + r.all();
        assertThat(r.all()).as("no stack trace: " + what).doesNotContain("\tat ").doesNotContain("Exception:");
        Path folder = outbox.resolve("reconciliation").resolve("2026-10");
        if (exp.getProperty("exit").equals("1")) {
            assertThat(r.exitCode()).as(what).isEqualTo(1);
            assertThat(r.err()).as(what).contains(exp.getProperty("message.file")).contains(exp.getProperty("message"));
            assertThat(folder).as("nothing published: " + what).doesNotExist();
            return;
        }
        assertThat(r.exitCode()).as(what).isZero();
        Outputs.assertNoLeftovers(outbox.resolve("reconciliation"));
        long rows = 0, compared = 0, setAside = 0, malformed = 0;
        Matcher m = INPUT.matcher(Files.readString(folder.resolve("manifest.json")));
        int files = 0;
        while (m.find()) {
            files++;
            rows += Long.parseLong(m.group(2));
            compared += Long.parseLong(m.group(3));
            setAside += Long.parseLong(m.group(4));
            malformed += Long.parseLong(m.group(5));
        }
        try (Stream<Path> csv = Files.list(CORPUS.resolve(name))) {
            assertThat(files).as(what + " input files").isEqualTo(csv.filter(p -> p.toString().endsWith(".csv")).count());
        }
        assertThat(rows).as(what + " rows").isEqualTo(Long.parseLong(exp.getProperty("rows")));
        assertThat(compared).as(what + " compared").isEqualTo(Long.parseLong(exp.getProperty("compared")));
        assertThat(setAside).as(what + " set aside").isEqualTo(Long.parseLong(exp.getProperty("setaside")));
        assertThat(malformed).as(what + " malformed").isEqualTo(Long.parseLong(exp.getProperty("malformed")));
        List<Map<String, String>> report = Outputs.rows(folder.resolve("reconciliation.csv"));
        long ours = report.stream().filter(x -> x.get("Status").equals("ONLY_OURS")).count();
        assertThat(report).as(what + ": a report row per Microsoft row, plus our unmatched lines").hasSize((int) (rows + ours));
        assertThat(report.stream().filter(x -> x.get("Code").equals("RECON_MALFORMED_ROW")).count()).as(what).isEqualTo(malformed);
        assertThat(report.stream().filter(x -> x.get("Code").equals("RECON_UNSUPPORTED_CHARGE_TYPE")).count()).as(what).isEqualTo(setAside);
        for (String file : List.of("reconciliation.csv", "reconciliation-summary.csv")) {
            for (Map<String, String> row : Outputs.rows(folder.resolve(file))) {
                for (Map.Entry<String, String> cell : row.entrySet()) {
                    String v = cell.getValue();
                    if (NOT_TEXT.contains(cell.getKey())) {
                        assertThat(v).as("%s %s %s is a number or a date", name, file, cell.getKey())
                                .matches("|-?[0-9]+(\\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}");
                    } else if (!v.isEmpty()) {
                        assertThat("=+-@\t\r".indexOf(v.charAt(0))).as("%s %s %s cell %s could run as a formula", name,
                                file, cell.getKey(), v).isEqualTo(-1);
                    }
                }
            }
        }
        if (name.equals("valid-baseline")) {
            // the three October lines of the base book, as Microsoft wrote them: all matched
            assertThat(report).extracting(x -> x.get("Status") + " " + x.get("Code") + " " + x.get("SubscriptionId"))
                    .containsExactlyInAnyOrder("MATCHED  sub-a", "MATCHED  sub-b", "MATCHED  sub-c");
        }
        if (name.equals("formula-text")) {
            assertThat(Files.readString(folder.resolve("reconciliation.csv"))).contains("'=HYPERLINK(").contains("'@sub-c");
        }
    }

    @Test
    void aGeneratedOneMegabyteSubscriptionIdIsAnUnknownSubscription() throws Exception {
        List<String> base = Files.readAllLines(CORPUS.resolve("valid-baseline").resolve("G000000001.csv"));
        Path folder = Files.createDirectories(tmp.resolve("mb"));
        Files.writeString(folder.resolve("G.csv"), String.join("\n", base.get(0), base.get(1),
                base.get(1).replace(",sub-a,", "," + "m".repeat(1 << 20) + ",")) + "\n", StandardCharsets.UTF_8);
        Cli.Result r = cli.run("reconcile", "--month", "2026-10", "--recon-folder", folder.toString(),
                "--outbox", tmp.resolve("out-mb").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        List<Map<String, String>> report = Outputs.rows(tmp.resolve("out-mb/reconciliation/2026-10/reconciliation.csv"));
        assertThat(report).extracting(x -> x.get("Status") + " " + x.get("Code") + " " + x.get("SubscriptionId").length())
                .contains("ONLY_MICROSOFT RECON_UNKNOWN_SUBSCRIPTION 1048576", "MATCHED  5");
    }
}
