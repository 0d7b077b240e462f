package com.marketplacebilling.publish;

import com.marketplacebilling.billing.IsoText;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A minimal RFC 4180 writer: UTF-8 without BOM, comma separator, LF after every record (the last one too). A field
 * is quoted only when it contains a comma, a double quote, CR or LF; quotes inside are doubled.
 *
 * <p>Cells say what they are. {@link #text} cells get the formula-injection guard (a leading {@code '} before
 * {@code = + - @ TAB CR}); {@link #number} and {@link #date} cells are never altered, and {@code number(String)}
 * refuses anything that is not a plain decimal, so the guard cannot be bypassed by mistake.
 *
 * <p>Rows are written one at a time: cells, then {@link #endRow()}. Every row must have as many cells as the
 * header (or, without a header, as the first row). I/O errors are thrown as {@link UncheckedIOException}.
 * Not thread-safe.
 */
public final class CsvOutput implements Closeable, Flushable {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

    private final Writer out;
    private final char[] dateChars = new char[10];
    private char[] composed = new char[512];
    private int width = -1;
    private int cells;
    private long rows;
    private boolean started;
    private boolean closed;

    /** Writes to {@code out}; the caller chose its encoding. Closing this closes {@code out}. */
    public CsvOutput(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes UTF-8 (no BOM) to {@code out}, buffered. A string that cannot be encoded (an unpaired surrogate) fails
     * instead of being replaced. Closing this closes {@code out}.
     */
    public static CsvOutput utf8(OutputStream out) {
        return new CsvOutput(new Utf8Writer(out, 1 << 16));
    }

    /** Writes the header record (names are written as they are) and fixes the row width. Must come first. */
    public CsvOutput header(String... names) {
        if (started) {
            throw new IllegalStateException("the header must be the first record");
        }
        if (names.length == 0) {
            throw new IllegalArgumentException("a header needs at least one column");
        }
        for (String name : names) {
            cell(Objects.requireNonNull(name, "header name"));
        }
        width = names.length;
        terminate();
        return this;
    }

    /** A text cell: formula guard, then quoting as needed. */
    public CsvOutput text(String value) {
        return cell(guard(Objects.requireNonNull(value, () -> "text cell " + (cells + 1) + " is null")));
    }

    /**
     * A text cell composed by the caller in a builder it reuses (no String made for it): the same guard and quoting
     * as {@link #text}. The million-row files' longest cells (a sentence, the sources) are written this way.
     */
    public CsvOutput composed(StringBuilder value) {
        int n = Objects.requireNonNull(value, () -> "text cell " + (cells + 1) + " is null").length();
        if (composed.length < n + 1) composed = new char[Math.max(n + 1, 2 * composed.length)];
        int at = 0;
        if (n > 0 && guarded(value.charAt(0))) composed[at++] = '\'';
        value.getChars(0, n, composed, at);
        return cell(composed, at + n);
    }

    /** A numeric cell, written as given; must be a plain decimal ({@code -?digits[.digits]}) or empty. */
    public CsvOutput number(String value) {
        Objects.requireNonNull(value, () -> "number cell " + (cells + 1) + " is null");
        if (!value.isEmpty() && !plainDecimal(value)) {
            throw new IllegalArgumentException("not a plain decimal: " + value);
        }
        return cell(value);
    }

    /** {@code -?[0-9]+(\.[0-9]+)?}, checked by hand (a regex per cell was a cost on a million-line file). */
    static boolean plainDecimal(String v) {
        int n = v.length();
        int i = v.charAt(0) == '-' ? 1 : 0;
        int digits = i;
        while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') i++;
        if (i == digits) return false;
        if (i == n) return true;
        if (v.charAt(i) != '.') return false;
        int fraction = ++i;
        while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') i++;
        return i == n && i > fraction;
    }

    /** A numeric cell. */
    public CsvOutput number(long value) {
        return cell(Long.toString(value));
    }

    /** A numeric cell in plain notation ({@link BigDecimal#toPlainString()}), scale as given. */
    public CsvOutput number(BigDecimal value) {
        // toPlainString is always a plain decimal: no need for the pattern (a cost on a million-line file)
        return cell(Objects.requireNonNull(value, () -> "number cell " + (cells + 1) + " is null").toPlainString());
    }

    /** A date cell, {@code YYYY-MM-DD}. */
    public CsvOutput date(LocalDate value) {
        Objects.requireNonNull(value, () -> "date cell " + (cells + 1) + " is null");
        int year = value.getYear();
        return year >= 1000 && year <= 9999 ? plainDate(value) : cell(DATE.format(value)); // same text, faster
    }

    /** A month cell, {@code YYYY-MM}. */
    public CsvOutput month(YearMonth value) {
        return cell(MONTH.format(Objects.requireNonNull(value, () -> "month cell " + (cells + 1) + " is null")));
    }

    /** An empty cell (an absent number or date). */
    public CsvOutput blank() {
        return cell("");
    }

    /** Ends the current record with LF. */
    public void endRow() {
        if (width < 0) {
            width = cells;
        }
        if (cells != width) {
            throw new IllegalStateException("row " + (rows + 1) + " has " + cells + " cells, expected " + width);
        }
        rows++;
        terminate();
    }

    /** Data records written so far (the header is not counted). */
    public long rows() {
        return rows;
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes and closes the underlying writer. A row left open is an error. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (cells != 0) {
                out.close();
                throw new IllegalStateException("closed in the middle of a row");
            }
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The formula-injection guard: a leading {@code '} when the text begins with {@code = + - @ TAB CR}. */
    public static String guard(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return guarded(text.charAt(0)) ? "'" + text : text;
    }

    /** A text beginning with {@code first} gets the guard. */
    private static boolean guarded(char first) {
        return switch (first) {
            case '=', '+', '-', '@', '\t', '\r' -> true;
            default -> false;
        };
    }

    /** RFC 4180 field escaping: quoted only if it holds a comma, quote, CR or LF; quotes doubled. */
    public static String escape(String field) {
        boolean quote = false;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                quote = true;
                break;
            }
        }
        return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** {@link #escape} written straight out: one scan, no copy of the field. */
    private void writeEscaped(String field) throws IOException {
        int n = field.length();
        int special = 0;
        boolean ascii = true;
        while (special < n) {
            char c = field.charAt(special);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') break;
            if (c >= 0x80) ascii = false;
            special++;
        }
        if (special == n) {
            if (ascii && out instanceof Utf8Writer utf8) {
                utf8.writeAscii(field); // checked above: one byte per char, copied in bulk
            } else {
                out.write(field);
            }
            return;
        }
        out.write('"');
        int from = 0;
        for (int q = field.indexOf('"', special); q >= 0; q = field.indexOf('"', q + 1)) {
            out.write(field, from, q + 1 - from);
            out.write('"'); // the quote doubled
            from = q + 1;
        }
        out.write(field, from, n - from);
        out.write('"');
    }

    /** {@link #cell(String)} of the first {@code n} chars of {@code v}: encoded and checked in one pass (Utf8Writer). */
    private CsvOutput cell(char[] v, int n) {
        try {
            beginCell();
            if (!(out instanceof Utf8Writer utf8 && utf8.writeField(v, n))) {
                writeEscaped(String.valueOf(v, 0, n)); // another Writer, a surrogate or a huge cell: the general way
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return endCell();
    }

    /** Checks that a cell may come and writes the separator before it. */
    private void beginCell() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (width >= 0 && cells >= width) {
            throw new IllegalStateException("row " + (rows + 1) + " has more than " + width + " cells");
        }
        if (cells > 0) {
            out.write(',');
        }
    }

    private CsvOutput endCell() {
        cells++;
        started = true;
        return this;
    }

    /** A date cell {@code YYYY-MM-DD} of a four-digit year, written without a string. */
    private CsvOutput plainDate(LocalDate value) {
        try {
            beginCell();
            out.write(IsoText.dateChars(dateChars, value), 0, 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return endCell();
    }

    private CsvOutput cell(String raw) {
        try {
            beginCell();
            writeEscaped(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return endCell();
    }

    private void terminate() {
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cells = 0;
        started = true;
    }
}
