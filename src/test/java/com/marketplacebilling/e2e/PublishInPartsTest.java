package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.ledger.JdbcOutputQueries;
import com.marketplacebilling.ledger.OutputQueries;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.publish.DatePublisher;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A large date's invoice-lines.csv is written in parts by InvoiceNumber range on parallel sessions and joined:
 * the file must be the very bytes the one-pass writer produces, with the same SHA-256, row count and totals.
 */
@Slow
class PublishInPartsTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("invoice lines and their explanations written in parallel parts equal the single-pass files byte for byte (manifest too)")
    void partsJoinToTheSameFile() throws Exception {
        String date = "2026-11-02";
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            assertThat(cli.run("generate", "--subscriptions", "3000", "--days", "1", "--seed", "5", "--out",
                    tmp.resolve("inbox").toString(), "--start", date).exitCode()).isZero();
            Cli.Result run = cli.run("run", "--date", date, "--inbox", tmp.resolve("inbox").toString(), "--outbox",
                    tmp.resolve("single").toString());
            assertThat(run.exitCode()).as(run.all()).isZero();

            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), "postgres", ""));
            OutputQueries outputs = new JdbcOutputQueries(jdbc);
            RunRegistry registry = new RunRegistry(jdbc);
            LocalDate d = LocalDate.parse(date);
            assertThat(outputs.invoiceNumberSplits(d, new double[] {0.5, 0.5}, 100)).as("the date is large enough to split").hasSize(1);
            DatePublisher inParts = new DatePublisher(outputs, registry, Clock.systemUTC(), true, 100);
            Path parts = inParts.publish(d, tmp.resolve("parts"), new DatePublisher.RunFacts(1, 1,
                    registry.find(d).policy(), registry.find(d).startedAt()));

            Path single = tmp.resolve("single").resolve(date);
            assertThat(Files.mismatch(parts.resolve("invoice-lines.csv"), single.resolve("invoice-lines.csv")))
                    .as("first differing byte").isEqualTo(-1L);
            assertThat(Files.readAllLines(parts.resolve("invoice-lines.csv"))).hasSizeGreaterThan(3000);
            assertThat(Files.mismatch(parts.resolve("line-explanations.csv"), single.resolve("line-explanations.csv")))
                    .as("first differing byte of line-explanations.csv").isEqualTo(-1L);
            assertThat(outputsAndTotals(parts)).isEqualTo(outputsAndTotals(single));
            assertThat(Files.list(parts).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("invoice-lines.csv", "exceptions.csv", "manifest.json", "invoice-lines.xlsx",
                            "line-explanations.csv");
        }
    }

    /** The manifest from its "outputs" on (file checksums, rows, totals): what must not depend on how it was written. */
    private static String outputsAndTotals(Path folder) throws Exception {
        String m = Files.readString(folder.resolve("manifest.json"));
        return m.substring(m.indexOf("\"outputs\""));
    }
}
