package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacebilling.cli.BillingCli;
import com.marketplacebilling.cli.Command;
import com.marketplacebilling.cli.CommandLine;
import com.marketplacebilling.cli.UsageException;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Golden;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed option values exit 2 with the usage text before anything starts (extends
 * NightlyRunTest.badUsageExitsTwo with the values it does not try); folder options take relative paths
 * (from the current folder) and absolute ones.
 */
@Slow
class HostileOptionsTest {
    private static final String DATE = "2026-11-02";
    @TempDir
    Path tmp;

    static Stream<Arguments> malformed() {
        String[][] cases = {
                {"run", "--date", "2026-11-2"}, {"run", "--date", "20261102"}, {"run", "--date", "2026-11-02T00:00"},
                {"run", "--date", " 2026-11-02"}, {"run", "--date", "2026-11-02 "}, {"run", "--date", "2026-02-29"},
                {"run", "--date", "+2026-11-02"}, {"run", "--date", ""}, {"run", "--date", "2026-11-02/../../etc"},
                {"run", "--date", "../../../tmp/x"}, {"run", "--date", "2026-11-02\u0000"}, {"run", "--date", "２０２６-11-02"},
                {"run", "--date=../x"}, {"run", "--date"}, {"run", "--date", "2026-11-02", "--date", "2026-11-03"},
                {"run", "--date", "2026-11-02", "--from", "2026-11-01", "--to", "2026-11-03"},
                {"run", "--from", "2026-11-01"}, {"run", "--from", "2026-11-01", "--to", "2026-11-31"},
                {"restart"}, {"restart", "--date", "yesterday"}, {"abandon", "--date", "2026-11"},
                {"status", "--date", "11/02/2026"}, {"status", "--last", "-1"}, {"status", "--last", "abc"},
                {"status", "--last", "99999999"}, {"status", "--last", "1e3"},
                {"run", "--date", DATE, "--rounding", ""}, {"run", "--date", DATE, "--rounding", "UNIT "},
                {"run", "--date", DATE, "--cancellation-legacy-until", "2022-01-01"},
                {"run", "--date", DATE, "--cancellation-legacy-until", "2022-01-01T00:00:00"},
                {"run", "--date", DATE, "--inbox", ""}, {"run", "--date", DATE, "--outbox="}, {"run", "--date", DATE, "--db", ""},
                {"run", "--date", DATE, "--spring.datasource.url=jdbc:h2:mem:x"}, {"run", "--date", DATE, "--spring.datasource.url"},
                {"run", "--date", DATE, "--"}, {"run", "--date", DATE, "-date"}, {"run", "--date", DATE, "extra"},
                {"run", "--date", DATE, "--force-rerun=yes"}, {"restart", "--date", DATE, "--force-rerun"},
                {"close-month", "--month", "2026-13"}, {"close-month", "--month", "../2026-11"}, {"RUN", "--date", DATE},
        };
        return Stream.of(cases).map(a -> Arguments.of(String.join(" ", a).replace("\u0000", "\\0"), a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    @DisplayName("malformed command lines exit 2 with the usage text, before any database or path is touched")
    void malformedValuesExitTwo(String shown, String[] args) {
        // the embedded database would be created here: exit 2 must come before anything starts
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--billing.db=" + tmp.resolve("never-created"));
        Result r = cli(Map.of(), Cli.repository(), all.toArray(String[]::new));
        assertThat(r.code).as(shown + "\n" + r.out + r.err).isEqualTo(2);
        assertThat(r.err).as(shown).contains("usage: bin/billing").startsWith("error: ");
        assertThat(tmp.resolve("never-created")).doesNotExist();
    }

    @Test
    @DisplayName("--month is parsed strictly as YYYY-MM before it can become a path")
    void monthIsStrict() {
        for (String bad : new String[] {"2026-13", "2026-1", "202611", "2026-11-01", "../2026-11", "", "2026-11 "}) {
            CommandLine cl = new CommandLine(Command.CLOSE_MONTH, Map.of("month", bad), Map.of());
            assertThatThrownBy(() -> cl.month("month")).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageContaining("YYYY-MM");
        }
        assertThat(new CommandLine(Command.CLOSE_MONTH, Map.of("month", "2026-11"), Map.of()).month("month"))
                .hasToString("2026-11");
    }

    @Test
    @DisplayName("--date is never read from the environment (BILLING_DATE is ignored): run without --date exits 2")
    void dateNeverFromEnvironment() {
        Result r = cli(Map.of("BILLING_DATE", DATE, "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/never"),
                Cli.repository(), "run");
        assertThat(r.code).as(r.err).isEqualTo(2);
        assertThat(r.err).contains("run needs --date");
    }

    @Test
    @DisplayName("folder options: relative paths resolve against the current folder, absolute paths are taken as they are")
    void relativeAndAbsoluteFolders() throws IOException {
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));
        Path inbox = Files.createDirectories(cwd.resolve("feeds/in").resolve(DATE));
        for (String d : new String[] {"2026-11-02", "2026-11-03"}) {
            Path day = Files.createDirectories(cwd.resolve("feeds/in").resolve(d));
            for (String f : new String[] {"subscriptions.csv", "fulfillment-events.csv"}) {
                Files.copy(Path.of("sample-data", d, f), day.resolve(f));
            }
        }
        Path absoluteOutbox = tmp.resolve("absolute-out");
        try (TestDatabase db = TestDatabase.create()) {
            String url = "--spring.datasource.url=" + db.url();
            // relative inbox (with a detour) and absolute outbox
            Result first = cli(Map.of(), Cli.repository(), cwd, "run", "--date", DATE, "--inbox", "feeds/x/../in",
                    "--outbox", absoluteOutbox.toString(), url);
            assertThat(first.code).as(first.out + first.err).isZero();
            assertThat(first.out).contains(absoluteOutbox.resolve(DATE).toString());
            Golden.assertMatches(absoluteOutbox.resolve(DATE).resolve("invoice-lines.csv"),
                    "sample-data/" + DATE + "/invoice-lines.csv");
            // absolute inbox and relative outbox, the relative one also through the environment
            Result second = cli(Map.of("BILLING_OUTBOX", "env-out"), Cli.repository(), cwd, "run", "--date", "2026-11-03",
                    "--inbox", cwd.resolve("feeds/in").toString(), url);
            assertThat(second.code).as(second.out + second.err).isZero();
            assertThat(cwd.resolve("env-out/2026-11-03/invoice-lines.csv")).exists();
            Golden.assertMatches(cwd.resolve("env-out/2026-11-03/invoice-lines.csv"), "sample-data/2026-11-03/invoice-lines.csv");
            assertThat(Cli.repository().resolve("env-out")).as("not resolved against the application home").doesNotExist();
            assertThat(inbox).exists();
        }
    }

    private record Result(int code, String out, String err) {}

    private static Result cli(Map<String, String> env, Path cwd, String... args) {
        return cli(env, Cli.repository(), cwd, args);
    }

    private static Result cli(Map<String, String> env, Path home, Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new BillingCli(env, home, cwd, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
