package com.marketplacebilling.billing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO dates and UTC instants as text, written and read by hand: the same text as {@link Instant#toString()} and
 * {@link LocalDate#toString()} (and what {@link Instant#parse} and {@link LocalDate#parse} read), several times
 * cheaper than the formatters on the million-row paths (COPY rows, the explanation columns, line-explanations.csv).
 */
public final class IsoText {
    private IsoText() {}

    /** Appends {@code v} exactly as {@link Instant#toString()} writes it. */
    public static StringBuilder appendInstant(StringBuilder b, Instant v) {
        long seconds = v.getEpochSecond();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int second = (int) Math.floorMod(seconds, 86_400);
        if (day.getYear() < 1000 || day.getYear() > 9999 || v.getNano() != 0) {
            return b.append(v); // rare forms: Instant's own ISO text
        }
        // Instant.toString's ISO form, written directly (it costs a twelfth of a load through the formatter)
        four(b, day.getYear()).append('-');
        two(b, day.getMonthValue()).append('-');
        two(b, day.getDayOfMonth()).append('T');
        two(b, second / 3600).append(':');
        two(b, second / 60 % 60).append(':');
        return two(b, second % 60).append('Z');
    }

    /** Appends {@code v} exactly as {@link LocalDate#toString()} writes it. */
    public static StringBuilder appendDate(StringBuilder b, LocalDate v) {
        int y = v.getYear();
        if (y < 1000 || y > 9999) return b.append(v); // rare forms: LocalDate's own ISO text
        // one append of ten chars: ten appends of one were most of a date (each checks capacity and coder)
        return b.append(dateChars(DATE_CHARS.get(), v), 0, 10);
    }

    private static final ThreadLocal<char[]> DATE_CHARS = ThreadLocal.withInitial(() -> new char[10]);

    /** {@code YYYY-MM-DD} of {@code v}, whose year has four digits, into {@code d[0..10)}; returns {@code d}. */
    public static char[] dateChars(char[] d, LocalDate v) {
        int y = v.getYear();
        int m = v.getMonthValue();
        int day = v.getDayOfMonth();
        d[0] = (char) ('0' + y / 1000);
        d[1] = (char) ('0' + y / 100 % 10);
        d[2] = (char) ('0' + y / 10 % 10);
        d[3] = (char) ('0' + y % 10);
        d[4] = '-';
        d[5] = (char) ('0' + m / 10);
        d[6] = (char) ('0' + m % 10);
        d[7] = '-';
        d[8] = (char) ('0' + day / 10);
        d[9] = (char) ('0' + day % 10);
        return d;
    }

    /** The instant {@link #appendInstant} wrote into {@code s} from {@code from} to {@code to}. */
    public static Instant parseInstant(String s, int from, int to) {
        if (to - from == 20 && s.charAt(from + 10) == 'T' && s.charAt(from + 13) == ':' && s.charAt(from + 16) == ':'
                && s.charAt(from + 19) == 'Z') {
            int h = digits(s, from + 11, 2);
            int m = digits(s, from + 14, 2);
            int sec = digits(s, from + 17, 2);
            if (h >= 0 && m >= 0 && sec >= 0 && h < 24 && m < 60 && sec < 60) {
                LocalDate day = parseDate(s, from, from + 10);
                return Instant.ofEpochSecond(day.toEpochDay() * 86_400 + h * 3600L + m * 60L + sec);
            }
        }
        return Instant.parse(s.substring(from, to)); // rare forms: Instant's own ISO text
    }

    /** The date {@code YYYY-MM-DD} in {@code s} from {@code from} to {@code to}. */
    public static LocalDate parseDate(String s, int from, int to) {
        if (to - from == 10 && s.charAt(from + 4) == '-' && s.charAt(from + 7) == '-') {
            int y = digits(s, from, 4);
            int m = digits(s, from + 5, 2);
            int d = digits(s, from + 8, 2);
            if (y >= 0 && m >= 0 && d >= 0) return LocalDate.of(y, m, d); // throws on a day that does not exist
        }
        return LocalDate.parse(s.substring(from, to));
    }

    /** The decimal number of {@code count} ASCII digits at {@code at}, or -1. */
    private static int digits(String s, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A year of four digits, char by char (StringBuilder.append(int) sizes and converts it in general). */
    private static StringBuilder four(StringBuilder b, int y) {
        return two(two(b, y / 100), y % 100);
    }

    private static StringBuilder two(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

}
