package com.marketplacebilling.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A hostile corpus: a folder of cases, each a folder with the input and an {@code expected.properties}, plus cases
 * a test generates. Shared by the feed corpus ({@code e2e.HostileFeedCorpusTest}) and the reconciliation corpus
 * ({@code reconcile.HostileReconCorpusTest}).
 */
public final class Corpus {
    private Corpus() {}

    /** A case: its name, the folder with its input, what it must give. */
    public record Case(String name, Path folder, Properties expected) {
        @Override
        public String toString() { return name; }
    }

    /** Expected properties of a generated case, built fluently. */
    public static final class Expect extends Properties {
        public Expect with(String k, String v) {
            setProperty(k, v);
            return this;
        }
    }

    /** The corpus's cases in name order, then {@code generated}, as (name, case) arguments of a parameterised test. */
    public static Stream<Arguments> arguments(Path corpus, List<Case> generated) throws IOException {
        List<Case> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus)) {
            for (Path dir : dirs.sorted().toList()) {
                all.add(new Case(dir.getFileName().toString(), dir, load(dir.resolve("expected.properties"))));
            }
        }
        all.addAll(generated);
        return all.stream().map(c -> Arguments.of(c.name(), c));
    }

    /** A generated case in {@code folder}, its description marked as generated. */
    public static Case generated(String name, String description, Path folder, Expect expected) {
        expected.with("description", description + " (generated)");
        return new Case(name, folder, expected);
    }

    public static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The lines, each ended by LF. */
    public static String lines(String... lines) { return String.join("\n", lines) + "\n"; }

    public static String lines(List<String> lines) { return String.join("\n", lines) + "\n"; }

    public static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    public static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
