package com.marketplacebilling.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Streaming RFC 4180 record reader: one record at a time, with the physical line it starts on.
 *
 * <p>Rules (feeds.md, general CSV rules):
 * <ul>
 *   <li>UTF-8; a leading byte-order mark is skipped. An invalid UTF-8 sequence is decoded as U+0000 so that the
 *       control-character rule rejects that record only.</li>
 *   <li>Comma separator, double-quote quoting, {@code ""} is a quote inside a quoted field; quoted fields may
 *       hold commas and line breaks (which are data, so the caller rejects them as control characters, but the
 *       records after them stay aligned).</li>
 *   <li>A record ends at LF, CRLF, or a CR right before the end of the file, outside quotes. Any other CR is
 *       data (and a control character). Line numbers count LFs: line 1 is the first line of the file.</li>
 *   <li>Values are kept exactly as written (no trimming). A quote inside an unquoted field is kept literally
 *       ({@code 5"inch}), as OpenCSV's RFC4180Parser does.</li>
 *   <li>A framing defect never stops the reader and never swallows the records after it: an unterminated quote
 *       (only possible at the end of the file), text after a closing quote ({@code "ab"cd}: the rest of the
 *       physical line is read as unquoted text) and a field longer than {@link #MAX_FIELD_CHARS} (the excess is
 *       dropped) mark the record with its first {@link Framing} defect.</li>
 *   <li>An empty line is a record of one empty field.</li>
 * </ul>
 *
 * <p>Why not OpenCSV's {@code CSVReader}: with {@code RFC4180Parser} it reads a field such as {@code "ab"cd} or
 * {@code "1" ,2} as an unterminated quote and appends every following line of the file to it (one exception for
 * the rest of the file); with keepCarriageReturn it stops at the first empty line (end of file), without it a
 * lone CR splits the line and shifts the line count. Framing and line counting are therefore done here.
 */
public final class CsvRecordReader implements AutoCloseable {

    /** Longest field kept, in UTF-16 chars; longer fields are cut and the record marked FIELD_TOO_LONG. */
    public static final int MAX_FIELD_CHARS = 8 * 1024 * 1024;

    /** Framing defects of one record. */
    public enum Framing {
        /** The file ends inside a quoted field. */
        UNTERMINATED_QUOTE,
        /** A closing quote is followed by something other than a comma or the line end. */
        TEXT_AFTER_CLOSING_QUOTE,
        /** A field is longer than {@link #MAX_FIELD_CHARS}. */
        FIELD_TOO_LONG
    }

    /**
     * One record. {@code fields} holds at most the field limit given to {@link #next(int)}; {@code fieldCount} is
     * the true number of fields. {@code framing} is null when the record is well formed, otherwise its first
     * framing defect, found in field {@code framingField} (0-based).
     */
    public record CsvRecord(long line, List<String> fields, int fieldCount, Framing framing, int framingField) {}

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int lim;
    private boolean atEof;
    private long line = 1;
    private final StringBuilder field = new StringBuilder(256);
    /** The current field's whole text when {@link #wholeField} took it from the buffer (then field is empty). */
    private String direct;

    // state of the record being read
    private List<String> fields;
    private int fieldCount;
    private int fieldLimit;
    private Framing framing;
    private int framingField;

    /** Reads UTF-8 bytes; the reader owns (and closes) the stream. */
    public CsvRecordReader(InputStream bytes) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("\u0000");
        this.in = new InputStreamReader(bytes, decoder);
        if (peek() == '\uFEFF') {
            pos++;
        }
    }

    /** Number of the physical line the next record would start on (the last line read, plus one). */
    public long nextLine() {
        return line;
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @param fieldLimit at most this many fields are kept in {@link CsvRecord#fields()}; the rest are only
     *                   counted (bounds the memory a row of a million commas can take)
     */
    public CsvRecord next(int fieldLimit) throws IOException {
        if (peek() == EOF) {
            return null;
        }
        long start = line;
        this.fields = new ArrayList<>(Math.min(fieldLimit, 32));
        this.fieldCount = 0;
        this.fieldLimit = fieldLimit;
        this.framing = null;
        this.framingField = -1;
        field.setLength(0);

        final int fieldStart = 0;
        final int unquoted = 1;
        final int quoted = 2;
        final int afterQuote = 3;
        int state = fieldStart;
        for (;;) {
            int c = read();
            if (state == quoted) {
                if (c == EOF) {
                    mark(Framing.UNTERMINATED_QUOTE);
                    endField();
                    break;
                }
                if (c == '"') {
                    if (peek() == '"') {
                        pos++;
                        append('"');
                    } else {
                        state = afterQuote;
                    }
                } else {
                    append((char) c);
                    appendQuotedRun();
                }
                continue;
            }
            if (c == ',') {
                endField();
                state = fieldStart;
                continue;
            }
            if (c == '\n' || c == EOF) {
                endField();
                break;
            }
            if (c == '\r') {
                int d = peek();
                if (d == '\n' || d == EOF) {
                    if (d == '\n') {
                        read();
                    }
                    endField();
                    break;
                }
            }
            if (state == fieldStart && c == '"') {
                state = quoted;
                continue;
            }
            if (state == fieldStart && c != '\r' && wholeField()) {
                continue; // the field's text is taken straight from the buffer; its delimiter comes next
            }
            if (state == afterQuote) {
                mark(Framing.TEXT_AFTER_CLOSING_QUOTE);
            }
            state = unquoted;
            append((char) c);
            appendRun();
        }
        List<String> result = Collections.unmodifiableList(fields);
        fields = null;
        return new CsvRecord(start, result, fieldCount, framing, framingField);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * At the first character of an unquoted field (just read): when the field ends at a comma or LF inside the
     * buffer, takes it from the buffer as one string (most fields of a feed; no per-character copy) and stops
     * before the delimiter. Otherwise reads nothing more and returns false.
     */
    private boolean wholeField() {
        int from = pos - 1;
        int i = pos;
        while (i < lim) {
            char d = buf[i];
            if (d == ',' || d == '\n') break;
            if (d == '\r') return false; // CR rules are the slow path's
            i++;
        }
        if (i == lim || i - from > MAX_FIELD_CHARS) return false;
        direct = new String(buf, from, i - from);
        pos = i;
        return true;
    }

    /** In an unquoted field: appends the ordinary characters that follow in the buffer at once (no CR, LF, comma). */
    private void appendRun() {
        int from = pos;
        int i = pos;
        while (i < lim) {
            char d = buf[i];
            if (d == ',' || d == '\n' || d == '\r') break;
            i++;
        }
        if (i == from || field.length() + (i - from) > MAX_FIELD_CHARS) return; // the slow path marks the excess
        field.append(buf, from, i - from);
        pos = i;
    }

    /** In a quoted field: appends the characters up to the next quote in the buffer at once, counting its LFs. */
    private void appendQuotedRun() {
        int from = pos;
        int i = pos;
        int lfs = 0;
        while (i < lim) {
            char d = buf[i];
            if (d == '"') break;
            if (d == '\n') lfs++;
            i++;
        }
        if (i == from || field.length() + (i - from) > MAX_FIELD_CHARS) return; // the slow path marks the excess
        field.append(buf, from, i - from);
        line += lfs;
        pos = i;
    }

    private void append(char c) {
        if (field.length() < MAX_FIELD_CHARS) {
            field.append(c);
        } else {
            mark(Framing.FIELD_TOO_LONG);
        }
    }

    private void endField() {
        if (fieldCount < fieldLimit) {
            fields.add(direct != null ? direct : field.toString());
        }
        direct = null;
        fieldCount++;
        field.setLength(0);
    }

    private void mark(Framing f) {
        if (framing == null) {
            framing = f;
            framingField = fieldCount;
        }
    }

    private int read() throws IOException {
        if (pos >= lim && !fill()) {
            return EOF;
        }
        char c = buf[pos++];
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (pos >= lim && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        if (atEof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            atEof = true;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
