package com.marketplacebilling.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a {@link Manifest} as pretty, deterministic JSON (RFC 8259) without a JSON library: fixed key order,
 * two-space indent, LF line ends, a final LF, UTF-8. The same manifest always gives the same bytes.
 *
 * <p>Dates are {@code "YYYY-MM-DD"}, instants ISO-8601 in UTC ({@link DateTimeFormatter#ISO_INSTANT}). Amounts are
 * JSON numbers printed exactly with the currency's minor digits ({@code 100.00}, {@code -20.00}, {@code 1200}
 * for JPY); a reader that wants them exact must parse them as decimals, not doubles.
 */
public final class ManifestJson {
    private ManifestJson() {}

    public static String toJson(Manifest m) {
        StringWriter w = new StringWriter();
        write(m, w);
        return w.toString();
    }

    /** UTF-8 bytes of {@link #toJson}, without BOM. */
    public static byte[] toBytes(Manifest m) {
        return toJson(m).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes UTF-8 to {@code out} and flushes it; does not close it. */
    public static void write(Manifest m, OutputStream out) {
        try {
            out.write(toBytes(m));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Manifest m, Writer w) {
        try {
            w.write("{\n");
            field(w, 1, "businessDate", str(m.businessDate().toString()), true);
            field(w, 1, "jobExecutionId", Long.toString(m.jobExecutionId()), true);
            field(w, 1, "attempt", Integer.toString(m.attempt()), true);
            field(w, 1, "rulesVersion", str(m.rulesVersion()), true);
            field(w, 1, "rounding", str(m.rounding()), true);
            field(w, 1, "startedAt", str(DateTimeFormatter.ISO_INSTANT.format(m.startedAt())), true);
            field(w, 1, "finishedAt", str(DateTimeFormatter.ISO_INSTANT.format(m.finishedAt())), true);

            array(w, "inputs", m.inputs(), (f, last) -> {
                field(w, 3, "name", str(f.name()), true);
                field(w, 3, "sha256", str(f.sha256()), true);
                field(w, 3, "rows", Long.toString(f.rows()), true);
                field(w, 3, "accepted", Long.toString(f.accepted()), true);
                field(w, 3, "rejected", Long.toString(f.rejected()), false);
            }, true);
            array(w, "outputs", m.outputs(), (f, last) -> {
                field(w, 3, "name", str(f.name()), true);
                field(w, 3, "sha256", str(f.sha256()), true);
                field(w, 3, "rows", Long.toString(f.rows()), false);
            }, true);
            array(w, "currencies", m.currencies(), (c, last) -> {
                field(w, 3, "currency", str(c.currency()), true);
                field(w, 3, "lines", Long.toString(c.lines()), true);
                field(w, 3, "charges", Amounts.formatAmount(c.charges(), c.currency()), true);
                field(w, 3, "credits", Amounts.formatAmount(c.credits(), c.currency()), true);
                field(w, 3, "net", Amounts.formatAmount(c.net(), c.currency()), false);
            }, false);
            w.write("}\n");
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal for {@code s}, escaped per RFC 8259. */
    public static String str(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(b, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(b, c); // unpaired: cannot be encoded as UTF-8
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void unicodeEscape(StringBuilder b, char c) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
    }

    private interface Body<T> {
        void write(T item, boolean last) throws IOException;
    }

    private static <T> void array(Writer w, String name, List<T> items, Body<T> body, boolean comma)
            throws IOException {
        indent(w, 1);
        w.write(str(name));
        if (items.isEmpty()) {
            w.write(": []");
        } else {
            w.write(": [\n");
            for (int i = 0; i < items.size(); i++) {
                boolean last = i == items.size() - 1;
                indent(w, 2);
                w.write("{\n");
                body.write(items.get(i), last);
                indent(w, 2);
                w.write(last ? "}\n" : "},\n");
            }
            indent(w, 1);
            w.write("]");
        }
        w.write(comma ? ",\n" : "\n");
    }

    private static void field(Writer w, int level, String name, String jsonValue, boolean comma) throws IOException {
        indent(w, level);
        w.write(str(name));
        w.write(": ");
        w.write(jsonValue);
        w.write(comma ? ",\n" : "\n");
    }

    private static void indent(Writer w, int level) throws IOException {
        for (int i = 0; i < level; i++) {
            w.write("  ");
        }
    }
}
