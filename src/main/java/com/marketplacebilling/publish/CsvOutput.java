package com.marketplacebilling.publish;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

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
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

    private final Writer out;
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
        var encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvOutput(new BufferedWriter(new OutputStreamWriter(out, encoder), 1 << 16));
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

    /** A numeric cell, written as given; must be a plain decimal ({@code -?digits[.digits]}) or empty. */
    public CsvOutput number(String value) {
        Objects.requireNonNull(value, () -> "number cell " + (cells + 1) + " is null");
        if (!value.isEmpty() && !PLAIN_DECIMAL.matcher(value).matches()) {
            throw new IllegalArgumentException("not a plain decimal: " + value);
        }
        return cell(value);
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
        return cell(year >= 1000 && year <= 9999 ? value.toString() : DATE.format(value)); // same text, faster
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
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
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

    private CsvOutput cell(String raw) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (width >= 0 && cells >= width) {
            throw new IllegalStateException("row " + (rows + 1) + " has more than " + width + " cells");
        }
        try {
            if (cells > 0) {
                out.write(',');
            }
            out.write(escape(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cells++;
        started = true;
        return this;
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
