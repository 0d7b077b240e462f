package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.generate.BookGenerator;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * operations.md: a month is never locked without its files being written; every billed line appears in exactly
 * one closed month's invoice-lines.csv. (Issue: close-month of October used to lock September unwritten.)
 */
@Slow
class MonthCloseInvariantTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("sample book: close-month 2026-10 first closes the earlier months holding catch-up lines, each with its files")
    void sampleBookEarlierMonthsAreClosedWithTheirFiles() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Path out = tmp.resolve("out");
            assertThat(cli.run("run", "--from", "2026-11-02", "--to", "2026-11-06", "--outbox", out.toString()).exitCode()).isZero();
            Cli.Result r = cli.run("close-month", "--month", "2026-10", "--outbox", out.toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
            List<String> billed = dateLines(out, LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-06"));
            assertThat(billed.stream().filter(l -> invoiceMonth(l).isBefore(YearMonth.of(2026, 10))))
                    .as("the sample's first night bills catch-up lines of months before October").isNotEmpty();
            assertEveryLineInExactlyOneClosedMonth(billed, out, YearMonth.of(2026, 10));
            Cli.Result again = cli.run("close-month", "--month", "2026-09", "--outbox", out.toString());
            assertThat(again.exitCode()).isEqualTo(3);
            assertThat(out.resolve("invoices/2026-09/invoice-lines.csv")).as("closed, and written").exists();
        }
    }

    @Test
    @DisplayName("generated book over a month end: close-month of the later month closes every earlier month with lines, in order")
    void generatedBookOverAMonthEnd() throws Exception {
        Path inbox = tmp.resolve("book");
        BookGenerator.generate(new BookGenerator.Options(300, 4, 7, LocalDate.parse("2026-11-28"), inbox));
        try (TestDatabase db = TestDatabase.create()) {
            Cli cli = new Cli(Cli.repository(), db.url());
            Path out = tmp.resolve("out");
            String[] io = {"--inbox", inbox.toString(), "--outbox", out.toString()};
            assertThat(cli.run(args(io, "run", "--from", "2026-11-28", "--to", "2026-11-30")).exitCode()).isZero();
            Cli.Result r = cli.run(args(io, "close-month", "--month", "2026-11"));
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).contains("2026-10 closed").contains("2026-11 closed");
            assertThat(cli.run(args(io, "run", "--date", "2026-12-01")).exitCode()).isZero();
            List<String> billed = dateLines(out, LocalDate.parse("2026-11-28"), LocalDate.parse("2026-12-01"));
            assertEveryLineInExactlyOneClosedMonth(billed, out, YearMonth.of(2026, 11));
            assertThat(billed.stream().filter(l -> l.startsWith("INV-202612-"))).as("December's own lines").isNotEmpty();
        }
    }

    /** Lines invoiced in a month up to {@code lastClosed} are each in exactly one closed month's file, and no other line is. */
    private static void assertEveryLineInExactlyOneClosedMonth(List<String> billed, Path out, YearMonth lastClosed)
            throws IOException {
        Map<String, Integer> closedCount = new HashMap<>();
        try (Stream<Path> months = Files.list(out.resolve("invoices"))) {
            for (Path m : months.toList()) {
                for (String l : dataLines(m.resolve("invoice-lines.csv"))) {
                    assertThat(invoiceMonth(l)).as("a line in the folder of its invoice month").isEqualTo(YearMonth.parse(m.getFileName().toString()));
                    closedCount.merge(l, 1, Integer::sum);
                }
            }
        }
        int expected = 0;
        for (String l : billed) {
            if (invoiceMonth(l).isAfter(lastClosed)) {
                assertThat(closedCount).as("an open month's line is in no closed file").doesNotContainKey(l);
            } else {
                assertThat(closedCount.get(l)).as("in exactly one closed month: " + l).isEqualTo(1);
                expected++;
            }
        }
        assertThat(closedCount.values().stream().mapToInt(Integer::intValue).sum()).as("no line invented").isEqualTo(expected);
        assertThat(expected).isPositive();
    }

    private static YearMonth invoiceMonth(String line) {
        return YearMonth.of(Integer.parseInt(line.substring(4, 8)), Integer.parseInt(line.substring(8, 10)));
    }

    private static List<String> dateLines(Path out, LocalDate from, LocalDate to) throws IOException {
        List<String> all = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) all.addAll(dataLines(out.resolve(d + "/invoice-lines.csv")));
        return all;
    }

    private static List<String> dataLines(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size());
    }

    private static String[] args(String[] io, String... command) {
        String[] all = new String[command.length + io.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(io, 0, all, command.length, io.length);
        return all;
    }
}
