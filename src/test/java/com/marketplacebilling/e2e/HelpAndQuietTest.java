package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.ChildCli;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** operations.md: help for every command (exit 0); ordinary commands are quiet. */
@Slow
class HelpAndQuietTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("help, --help, -h and COMMAND --help print the commands and options and exit 0, without a database")
    void help() {
        Cli cli = new Cli(Cli.repository(), "jdbc:postgresql://127.0.0.1:1/never-used");
        for (String[] args : new String[][] {{"help"}, {"--help"}, {"-h"}}) {
            Cli.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("usage: bin/billing <command>").contains("close-month").contains("--inbox DIR");
        }
        Cli.Result run = cli.run("run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("usage: bin/billing run").contains("--from D --to D").contains("restart --date D resumes")
                .doesNotContain("close-month --month");
        Cli.Result status = cli.run("help", "status");
        assertThat(status.out()).contains("INTERRUPTED").contains("--last N");
    }

    @Test
    @DisplayName("an ordinary command on the embedded database prints its answer only: no database banner or log lines")
    void embeddedCommandIsQuiet() throws Exception {
        Path log = tmp.resolve("status.log");
        Process p = ChildCli.start(log, "status", "--db", tmp.resolve("db").toString());
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String all = Files.readString(log);
        assertThat(p.exitValue()).as(all).isZero();
        assertThat(all).doesNotContain("Embedded PostgreSQL").doesNotContain("INFO").doesNotContain("WARN")
                .contains("(no runs yet)");
        assertThat(all.lines().count()).as(all).isEqualTo(2);
    }
}
