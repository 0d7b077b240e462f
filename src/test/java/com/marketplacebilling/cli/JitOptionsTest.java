package com.marketplacebilling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/jit-options (D50): which nights bin/billing runs with the C1 compiler only. */
class JitOptionsTest {
    private static final String C1 = "-XX:TieredStopAtLevel=1";

    @TempDir
    Path inbox;

    @Test
    @DisplayName("a night under 50 MB of feeds runs with C1 only; a larger one, a range summing more, other commands and the switch-off keep C2")
    void smallNightsOnly() throws Exception {
        feeds("2026-11-02", 30);
        feeds("2026-11-03", 30);
        feeds("2026-11-04", 60);
        String box = inbox.toString();

        assertThat(options(Map.of(), "run", "--date", "2026-11-02", "--inbox", box)).isEqualTo(C1);
        assertThat(options(Map.of(), "restart", "--date=2026-11-03", "--inbox=" + box)).isEqualTo(C1);
        assertThat(options(Map.of(), "preview", "--inbox", box, "--date", "2026-11-02")).isEqualTo(C1);
        assertThat(options(Map.of(), "run", "--date", "2026-11-04", "--inbox", box)).as("60 MB").isEmpty();
        assertThat(options(Map.of(), "run", "--from", "2026-11-02", "--to", "2026-11-03", "--inbox", box))
                .as("two dates of 30 MB: 60 MB in one process").isEmpty();
        assertThat(options(Map.of(), "run", "--from", "2026-11-03", "--to", "2026-11-03", "--inbox", box)).isEqualTo(C1);
        assertThat(options(Map.of(), "run", "--date", "2026-11-09", "--inbox", box)).as("no such date").isEmpty();
        assertThat(options(Map.of(), "status", "--date", "2026-11-02", "--inbox", box)).isEmpty();
        assertThat(options(Map.of("BILLING_C1_BELOW_MB", "0"), "run", "--date", "2026-11-02", "--inbox", box)).isEmpty();
        assertThat(options(Map.of("BILLING_C1_BELOW_MB", "100"), "run", "--date", "2026-11-04", "--inbox", box))
                .isEqualTo(C1);
        assertThat(options(Map.of(), "run", "--from", "2026-11-02", "--to", "2026-11-06")).as("the sample week")
                .isEqualTo(C1);
    }

    /** A date folder whose two feeds hold {@code megabytes} together (sparse: the size is what counts). */
    private void feeds(String date, int megabytes) throws IOException {
        Path day = Files.createDirectories(inbox.resolve(date));
        for (String f : List.of("subscriptions.csv", "fulfillment-events.csv")) {
            try (RandomAccessFile file = new RandomAccessFile(day.resolve(f).toFile(), "rw")) {
                file.setLength(megabytes * 1024L * 1024 / 2);
            }
        }
    }

    private static String options(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bin/jit-options"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("BILLING_C1_BELOW_MB");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
