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

    /** The first line of a message, at most {@code max} characters. */
    public String firstLine(String m, int max) {
        if (m == null || m.isBlank()) return "";
        String l = m.strip().lines().findFirst().orElse("");
        return l.length() > max ? l.substring(0, max) + "..." : l;
    }
}
