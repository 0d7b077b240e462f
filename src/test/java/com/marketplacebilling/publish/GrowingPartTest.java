package com.marketplacebilling.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Later parts of a published file copied while they are written (D52). */
class GrowingPartTest {
    @TempDir
    Path tmp;

    /** Writes "head\n" then {@code rows} numbered rows of {@code tag}, a few at a time with pauses. */
    private static CompletableFuture<Void> slowWriter(GrowingPart part, String tag, int rows, boolean failAtEnd) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream out = part.output()) {
                out.write("head\n".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < rows; i++) {
                    out.write((tag + i + "\n").getBytes(StandardCharsets.UTF_8));
                    if (i % 500 == 0) Thread.sleep(2);
                }
                if (failAtEnd) throw new IllegalStateException("the part's query failed");
            } catch (Exception e) {
                part.fail();
                return;
            }
            part.finish();
        });
    }

    private static String expected(String tag, int rows) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows; i++) b.append(tag).append(i).append('\n');
        return b.toString();
    }

    @Test
    @DisplayName("two parts growing side by side are copied whole, without their header lines, as they are written; their files are gone after")
    void copiedWhileWritten() throws Exception {
        GrowingPart lines = new GrowingPart(tmp.resolve(".part-1"));
        GrowingPart why = new GrowingPart(tmp.resolve(".explanations-part-1"));
        ByteArrayOutputStream linesOut = new ByteArrayOutputStream();
        ByteArrayOutputStream whyOut = new ByteArrayOutputStream();
        CompletableFuture<Void> a = slowWriter(lines, "line-", 20_000, false);
        CompletableFuture<Void> b = slowWriter(why, "because-", 30_000, false);
        assertThat(GrowingPart.copyAll(new GrowingPart[] {lines, why}, new OutputStream[] {linesOut, whyOut},
                new long[] {5, 5})).isTrue();
        a.join();
        b.join();
        assertThat(linesOut.toString(StandardCharsets.UTF_8)).isEqualTo(expected("line-", 20_000));
        assertThat(whyOut.toString(StandardCharsets.UTF_8)).isEqualTo(expected("because-", 30_000));
        try (var left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    @DisplayName("a part whose writer failed stops the copy (false), and its file is gone")
    void writerFailed() throws Exception {
        GrowingPart lines = new GrowingPart(tmp.resolve(".part-1"));
        GrowingPart why = new GrowingPart(tmp.resolve(".explanations-part-1"));
        CompletableFuture<Void> a = slowWriter(lines, "line-", 5_000, true);
        CompletableFuture<Void> b = slowWriter(why, "because-", 5_000, true);
        assertThat(GrowingPart.copyAll(new GrowingPart[] {lines, why},
                new OutputStream[] {new ByteArrayOutputStream(), new ByteArrayOutputStream()}, new long[] {5, 5})).isFalse();
        a.join();
        b.join();
        try (var left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }
}
