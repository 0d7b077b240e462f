package com.marketplacebilling.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.MalformedInputException;

/**
 * UTF-8 straight into a byte buffer: the bytes of {@code OutputStreamWriter} with a reporting encoder, without its
 * per-call encoder set-up and its slow path for every non-ASCII character (the explanations' ×, → and − made that
 * a twentieth of a million-line publish). An unpaired surrogate fails with {@link MalformedInputException}, as the
 * reporting encoder does. Not thread-safe.
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buf;
    private final char[] chars = new char[1024];
    private int n;
    /** A high surrogate written last, waiting for its low half. */
    private char high;
    private boolean closed;

    Utf8Writer(OutputStream out, int size) {
        this.out = out;
        this.buf = new byte[size];
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        if (high == 0 && len <= chars.length && buf.length - n >= 3 * len) {
            // the common case: the whole piece fits even at three bytes a char; String.getChars is a bulk copy
            s.getChars(off, off + len, chars, 0);
            encodeFitting(chars, 0, len);
            return;
        }
        int end = off + len;
        int i = off;
        while (i < end) {
            if (high == 0) {
                // ASCII run: one byte per char, no checks beyond the buffer's room
                int room = buf.length - n;
                int stop = Math.min(end, i + room);
                while (i < stop) {
                    char c = s.charAt(i);
                    if (c >= 0x80) break;
                    buf[n++] = (byte) c;
                    i++;
                }
                if (i == end) return;
                if (n == buf.length) {
                    drain();
                    continue;
                }
            }
            put(s.charAt(i++));
        }
    }

    /** Writes {@code s}, whose chars the caller has checked are all ASCII, as one byte each (a bulk copy). */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exactly right for ASCII
    void writeAscii(String s) throws IOException {
        int len = s.length();
        if (high != 0 || len > buf.length) {
            write(s, 0, len);
            return;
        }
        if (buf.length - n < len) drain();
        s.getBytes(0, len, buf, n);
        n += len;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        if (high == 0 && len <= buf.length / 3) {
            if (buf.length - n < 3 * len) drain();
            encodeFitting(cbuf, off, len);
            return;
        }
        for (int i = off; i < off + len; i++) put(cbuf[i]);
    }

    /**
     * Writes chars {@code [0, len)} of {@code v} as one RFC 4180 field (CsvOutput's rule: quoted, quotes doubled,
     * only when it holds a comma, a quote, CR or LF), in one pass: the chars are encoded as they are checked, and
     * when a special one turns up the bytes written so far move one to the right for the opening quote. A
     * sentence of line-explanations.csv was scanned, scanned again for quotes and then encoded. Returns false,
     * having written nothing, for what this does not handle (a pending or any surrogate, a field larger than a
     * third of the buffer): the caller writes it the general way.
     */
    boolean writeField(char[] v, int len) throws IOException {
        if (high != 0 || 3 * len + 2 > buf.length) return false;
        if (buf.length - n < 3 * len + 2) drain(); // at most three bytes a char (a doubled quote is two), and quotes
        byte[] b = buf;
        int start = n;
        int at = start;
        int i = 0;
        for (; i < len; i++) {
            char c = v[i];
            if (c < 0x80) {
                if (c == ',' || c == '"' || c == '\r' || c == '\n') break;
                b[at++] = (byte) c;
            } else if (Character.isSurrogate(c)) {
                return false; // nothing is counted as written: n is unchanged
            } else {
                at = twoOrThree(b, at, c);
            }
        }
        if (i < len) {
            System.arraycopy(b, start, b, start + 1, at - start);
            b[start] = '"';
            at++;
            for (; i < len; i++) {
                char c = v[i];
                if (c < 0x80) {
                    if (c == '"') b[at++] = '"'; // the quote doubled
                    b[at++] = (byte) c;
                } else if (Character.isSurrogate(c)) {
                    return false;
                } else {
                    at = twoOrThree(b, at, c);
                }
            }
            b[at++] = '"';
        }
        n = at;
        return true;
    }

    /**
     * Encodes chars that fit in the buffer even at three bytes each: the loop then has no room checks (a sentence's
     * ×, → and − inline). Surrogates, paired or stray, go to the careful path for the rest.
     */
    private void encodeFitting(char[] src, int off, int len) throws IOException {
        byte[] b = buf;
        int at = n;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = src[i];
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (Character.isSurrogate(c)) {
                n = at;
                for (; i < end; i++) put(src[i]);
                return;
            } else {
                at = twoOrThree(b, at, c);
            }
        }
        n = at;
    }

    /** A char from U+0080 to U+FFFF that is not a surrogate, as its two or three bytes at {@code at}; the new end. */
    private static int twoOrThree(byte[] b, int at, char c) {
        if (c < 0x800) {
            b[at] = (byte) (0xC0 | (c >> 6));
            b[at + 1] = (byte) (0x80 | (c & 0x3F));
            return at + 2;
        }
        b[at] = (byte) (0xE0 | (c >> 12));
        b[at + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[at + 2] = (byte) (0x80 | (c & 0x3F));
        return at + 3;
    }

    private void put(char c) throws IOException {
        if (buf.length - n < 4) drain();
        if (high != 0) {
            if (!Character.isLowSurrogate(c)) throw new MalformedInputException(1);
            int cp = Character.toCodePoint(high, c);
            high = 0;
            buf[n++] = (byte) (0xF0 | (cp >> 18));
            buf[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[n++] = (byte) (0x80 | (cp & 0x3F));
        } else if (c < 0x80) {
            buf[n++] = (byte) c;
        } else if (c < 0x800) {
            buf[n++] = (byte) (0xC0 | (c >> 6));
            buf[n++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            high = c;
        } else if (Character.isLowSurrogate(c)) {
            throw new MalformedInputException(1);
        } else {
            buf[n++] = (byte) (0xE0 | (c >> 12));
            buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            buf[n++] = (byte) (0x80 | (c & 0x3F));
        }
    }

    private void drain() throws IOException {
        if (n > 0) {
            out.write(buf, 0, n);
            n = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (high != 0) throw new MalformedInputException(1); // a high surrogate never completed
            drain();
        } finally {
            out.close();
        }
    }
}
