package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Golden;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Every sample date in order against real PostgreSQL, outputs compared byte for byte with the golden files. */
@Slow
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleBookEndToEndTest {
    static final List<String> DATES = List.of("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06");
    private TestDatabase db;
    private Cli cli;
    @TempDir
    static Path outbox;

    @BeforeAll
    void createDatabase() {
        db = TestDatabase.create();
        cli = new Cli(Cli.repository(), db.url());
    }

    @AfterAll
    void dropDatabase() { db.close(); }

    @Test
    @Order(1)
    @DisplayName("each sample date runs to completion and matches its golden invoice lines, exceptions, line explanations and manifest")
    void sampleDatesMatchGoldenFiles() throws IOException {
        for (String d : DATES) {
            Cli.Result r = cli.run("run", "--date", d, "--outbox", outbox.toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).contains(d + " completed");
            Path folder = outbox.resolve(d);
            Golden.assertMatches(folder.resolve("invoice-lines.csv"), "sample-data/" + d + "/invoice-lines.csv");
            Golden.assertMatches(folder.resolve("exceptions.csv"), "sample-data/" + d + "/exceptions.csv");
            Golden.assertMatches(folder.resolve("line-explanations.csv"), "sample-data/" + d + "/line-explanations.csv");
            Golden.assertManifestMatches(folder.resolve("manifest.json"), "sample-data/" + d + "/manifest.json");
            assertThat(folder.resolve("invoice-lines.xlsx")).as("the workbook for finance").isNotEmptyFile();
        }
        try (var s = Files.list(outbox)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).as("no temporary folders left behind")
                    .containsExactlyElementsOf(DATES);
        }
    }

    @Test
    @Order(2)
    @DisplayName("accounting: for each feed, data rows in the file = accepted + rejected in the manifest")
    void manifestAccountsForEveryRow() throws IOException {
        Pattern input = Pattern.compile("\"name\": \"([^\"]+)\",\\s*\"sha256\": \"[0-9a-f]{64}\",\\s*\"rows\": (\\d+),"
                + "\\s*\"accepted\": (\\d+),\\s*\"rejected\": (\\d+)");
        for (String d : DATES) {
            String manifest = Files.readString(outbox.resolve(d).resolve("manifest.json"));
            Matcher m = input.matcher(manifest);
            int files = 0;
            while (m.find()) {
                files++;
                long rows = Long.parseLong(m.group(2));
                assertThat(rows).as(d + " " + m.group(1))
                        .isEqualTo(Long.parseLong(m.group(3)) + Long.parseLong(m.group(4)))
                        .isEqualTo(dataRecords(Path.of("sample-data", d, m.group(1))));
            }
            assertThat(files).isEqualTo(2);
        }
    }

    @Test
    @Order(3)
    @DisplayName("a completed date is refused with exit 3 and the path of its outputs; so is an earlier date")
    void completedAndEarlierDatesAreRefused() {
        Cli.Result again = cli.run("run", "--date", "2026-11-06", "--outbox", outbox.toString());
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("already completed").contains(outbox.resolve("2026-11-06").toString());
        Cli.Result earlier = cli.run("run", "--date", "2026-11-01", "--outbox", outbox.toString());
        assertThat(earlier.exitCode()).isEqualTo(3);
        assertThat(earlier.err()).contains("move forward");
    }

    @Test
    @Order(4)
    @DisplayName("status lists every date with its state and counts")
    void statusShowsRuns() {
        Cli.Result r = cli.run("status");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("2026-11-02  COMPLETED").contains("2026-11-06  COMPLETED");
    }

    @Test
    @Order(5)
    @DisplayName("issue 11: every line of the sample week is explained, in invoice-lines.csv order, and recomputes from its explanation")
    void everyLineRecomputesFromItsExplanation() throws IOException {
        long explained = 0;
        for (String d : DATES) explained += Outputs.assertExplanationsRecompute(outbox.resolve(d));
        assertThat(explained).isEqualTo(114);
        Outputs.assertNoFormulaCells(outbox.resolve("2026-11-05"));
    }

    /** Records in a feed file: lines minus the header, counting a quoted line break as part of its record. */
    static long dataRecords(Path file) throws IOException {
        String text = Files.readString(file);
        long records = 0;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            if (c == '\n' && !quoted) {
                records++;
                any = false;
            } else {
                any = true;
            }
        }
        if (any) records++;
        return records - 1;
    }
}
