package com.marketplacebilling.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting for the pages: UTC, Locale.ROOT, amounts exactly as stored (never through a double). */
public final class Fmt {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String instant(Instant i) { return i == null ? "" : INSTANT.format(i) + " UTC"; }

    public String duration(Duration d) {
        if (d == null) return "";
        long s = d.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public String amount(BigDecimal b) { return b == null ? "" : b.toPlainString(); }

    public String count(long n) { return String.format(Locale.ROOT, "%,d", n); }

    public String rate(double perSecond) { return String.format(Locale.ROOT, "%,.0f", perSecond); }

    public String bytes(long n) {
        return n < 10_000 ? n + " B" : n < 10_000_000 ? (n / 1024) + " KiB" : (n / (1024 * 1024)) + " MiB";
    }

    /**
     * The sentence of a command's outcome, without the per-step table a run's message starts with (that table
     * is on the date's page).
     */
    public String outcome(String m, int max) {
        if (m == null || m.isBlank()) return "";
        java.util.List<String> lines = m.strip().lines().toList();
        int i = 0;
        if (lines.get(0).startsWith("step ") && lines.get(0).contains("items/s")) {
            i = 1;
            while (i < lines.size() && !lines.get(i).matches("^[0-9]{4}-.*")) i++;
        }
        return i < lines.size() ? firstLine(lines.get(i), max) : firstLine(m, max);
    }

    /**
     * A failed run's message as an operator reads it: the first line, without the Java exception class names
     * that Spring Batch stores in front of it.
     */
    public String failure(String m, int max) {
        String l = firstLine(m, Integer.MAX_VALUE);
        l = l.replaceAll("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "");
        return l.length() > max ? l.substring(0, max) + "..." : l;
    }

    /** The first line of a message, at most {@code max} characters. */
    public String firstLine(String m, int max) {
        if (m == null || m.isBlank()) return "";
        String l = m.strip().lines().findFirst().orElse("");
        return l.length() > max ? l.substring(0, max) + "..." : l;
    }
}
