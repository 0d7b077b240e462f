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

/** The reader before D46's bulk paths, kept as the reference CsvReaderBulkTest compares with. */
final class CsvRecordReaderBefore implements AutoCloseable {

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

    // state of the record being read
    private List<String> fields;
    private int fieldCount;
    private int fieldLimit;
    private Framing framing;
    private int framingField;

    /** Reads UTF-8 bytes; the reader owns (and closes) the stream. */
    CsvRecordReaderBefore(InputStream bytes) throws IOException {
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
            if (state == afterQuote) {
                mark(Framing.TEXT_AFTER_CLOSING_QUOTE);
            }
            state = unquoted;
            append((char) c);
        }
        List<String> result = Collections.unmodifiableList(fields);
        fields = null;
        return new CsvRecord(start, result, fieldCount, framing, framingField);
    }

    @Override
    public void close() throws IOException {
        in.close();
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
            fields.add(field.toString());
        }
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
