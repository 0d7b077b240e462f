package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.feed.CsvRecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reading a published date folder back, and the checks every hostile-input test applies to it. */
final class Outputs {
    /** Columns of the outputs that are numbers or dates (never guarded); every other cell is text. */
    private static final Set<String> NOT_TEXT = Set.of("OrderDate", "ChargeStartDate", "ChargeEndDate", "UnitPrice",
            "EffectiveUnitPrice", "Quantity", "Subtotal", "SubscriptionStartDate", "SubscriptionEndDate",
            "BusinessDate", "SourceLine", "RemainingDays", "CycleDays", "CycleStart", "CycleEnd", "ExactAmount",
            "DueOn");
    private static final Pattern INPUT = Pattern.compile("\"name\": \"([^\"]+)\",\\s*\"sha256\": \"[0-9a-f]{64}\","
            + "\\s*\"rows\": (\\d+),\\s*\"accepted\": (\\d+),\\s*\"rejected\": (\\d+)");

    private Outputs() {}

    /** One manifest input entry. */
    record Input(long rows, long accepted, long rejected) {}

    /** The rows of an output CSV as header-name → value maps (parsed by the project's RFC 4180 reader). */
    static List<Map<String, String>> rows(Path csv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(csv); CsvRecordReader r = new CsvRecordReader(in)) {
            List<String> header = r.next(1000).fields();
            for (CsvRecordReader.CsvRecord rec; (rec = r.next(1000)) != null; ) {
                assertThat(rec.framing()).as("%s line %d is well framed", csv, rec.line()).isNull();
                assertThat(rec.fieldCount()).as("%s line %d width", csv, rec.line()).isEqualTo(header.size());
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) m.put(header.get(i), rec.fields().get(i));
                rows.add(m);
            }
        }
        return rows;
    }

    /** The manifest's input entries by file name. */
    static Map<String, Input> inputs(Path manifest) throws IOException {
        Map<String, Input> inputs = new LinkedHashMap<>();
        Matcher m = INPUT.matcher(Files.readString(manifest));
        while (m.find()) {
            inputs.put(m.group(1), new Input(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))));
        }
        return inputs;
    }

    /**
     * No text cell of invoice-lines.csv or exceptions.csv can run as a formula: none starts with = + - @ TAB CR
     * (the writer prefixes such text with '); numeric and date cells are plain numbers and dates.
     */
    static void assertNoFormulaCells(Path folder) throws IOException {
        for (String file : List.of("invoice-lines.csv", "exceptions.csv", "line-explanations.csv")) {
            for (Map<String, String> row : rows(folder.resolve(file))) {
                for (Map.Entry<String, String> cell : row.entrySet()) {
                    String v = cell.getValue();
                    if (NOT_TEXT.contains(cell.getKey())) {
                        assertThat(v).as("%s %s is a number or a date", file, cell.getKey())
                                .matches("|-?[0-9]+(\\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}");
                    } else if (!v.isEmpty()) {
                        assertThat("=+-@\t\r".indexOf(v.charAt(0))).as("%s %s cell %s could run as a formula", file,
                                cell.getKey(), v).isEqualTo(-1);
                    }
                }
            }
        }
    }

    /**
     * Issue 11's invariant, checked on the published files with R14's arithmetic written out again here:
     * line-explanations.csv has one row per line of invoice-lines.csv, in the same order, with the same amounts,
     * and each Subtotal and EffectiveUnitPrice recompute exactly from the row's UnitPrice, Quantity, RemainingDays,
     * CycleDays, RoundingMode and Direction. Returns the number of explained rows.
     */
    static long assertExplanationsRecompute(Path folder) throws IOException {
        List<Map<String, String>> lines = rows(folder.resolve("invoice-lines.csv"));
        List<Map<String, String>> why = rows(folder.resolve("line-explanations.csv"));
        assertThat(why).as("%s: one explanation per line", folder).hasSameSizeAs(lines);
        long explained = 0;
        for (int i = 0; i < lines.size(); i++) {
            Map<String, String> l = lines.get(i);
            Map<String, String> e = why.get(i);
            String id = l.get("LineId");
            assertThat(e.get("LineId")).as("%s row %d in invoice-lines.csv order", folder, i + 1).isEqualTo(id);
            for (String c : List.of("ChargeType", "UnitPrice", "Quantity", "EffectiveUnitPrice", "Subtotal")) {
                assertThat(e.get(c)).as("%s %s of %s", folder, c, id).isEqualTo(l.get(c));
            }
            assertThat(e.get("Text")).as("%s Text of %s", folder, id).isNotEmpty();
            if (e.get("Rule").isEmpty()) continue;
            explained++;
            java.math.BigDecimal price = new java.math.BigDecimal(e.get("UnitPrice"));
            java.math.BigDecimal qty = new java.math.BigDecimal(e.get("Quantity"));
            java.math.BigDecimal days = new java.math.BigDecimal(e.get("RemainingDays"));
            java.math.BigDecimal cycle = new java.math.BigDecimal(e.get("CycleDays"));
            String subtotal = e.get("Subtotal");
            int digits = subtotal.contains(".") ? subtotal.length() - subtotal.indexOf('.') - 1 : 0;
            java.math.BigDecimal eup;
            java.math.BigDecimal amount;
            if (e.get("RoundingMode").equals("unit")) {
                eup = price.multiply(days).divide(cycle, digits, java.math.RoundingMode.DOWN);
                amount = eup.multiply(qty);
            } else {
                eup = price.multiply(days).divide(cycle, 6, java.math.RoundingMode.DOWN);
                amount = price.multiply(days).multiply(qty).divide(cycle, digits, java.math.RoundingMode.DOWN);
            }
            if (e.get("Direction").equals("credit")) {
                eup = eup.negate();
                amount = amount.negate();
            }
            assertThat(amount).as("%s Subtotal of %s from %s", folder, id, e).isEqualByComparingTo(subtotal);
            assertThat(eup).as("%s EffectiveUnitPrice of %s", folder, id).isEqualByComparingTo(e.get("EffectiveUnitPrice"));
            java.math.BigDecimal exact = price.multiply(qty).multiply(days);
            assertThat(new java.math.BigDecimal(e.get("ExactAmount")).multiply(cycle).subtract(exact).abs())
                    .as("%s ExactAmount of %s", folder, id).isLessThan(cycle.movePointLeft(10));
        }
        return explained;
    }

    /**
     * The outputs account for every row of both feeds: manifest rows = accepted + rejected, and rows = the data
     * records in the file (counted here independently, on bytes, by the RFC 4180 framing of feeds.md).
     */
    static Map<String, Input> assertAccounted(Path folder, Path dateInbox) throws IOException {
        Map<String, Input> inputs = inputs(folder.resolve("manifest.json"));
        assertThat(inputs.keySet()).containsExactlyInAnyOrder("subscriptions.csv", "fulfillment-events.csv");
        for (Map.Entry<String, Input> e : inputs.entrySet()) {
            Input in = e.getValue();
            assertThat(in.rows()).as("%s: rows = accepted + rejected", e.getKey()).isEqualTo(in.accepted() + in.rejected());
            assertThat(in.rows()).as("%s: rows = data records in the file", e.getKey())
                    .isEqualTo(dataRecords(Files.readAllBytes(dateInbox.resolve(e.getKey()))));
        }
        return inputs;
    }

    /** Nothing but the date folders in an outbox: no temporary or old folders left behind. */
    static void assertNoLeftovers(Path outbox) throws IOException {
        if (!Files.exists(outbox)) return;
        try (Stream<Path> s = Files.list(outbox)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList())
                    .as("temporary folders in %s", outbox).isEmpty();
        }
    }

    /**
     * Data records of a feed, excluding the header: an independent byte-level RFC 4180 framer (a quote opens a
     * quoted field only at a field's start; a record ends at LF, CRLF or a CR before the end of the file outside
     * quotes; a leading byte-order mark is skipped). Invalid UTF-8 never contains these ASCII bytes.
     */
    static long dataRecords(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        long records = 0;
        final int fieldStart = 0, unquoted = 1, quoted = 2, afterQuote = 3;
        while (i < b.length) {
            records++;
            int state = fieldStart;
            boolean end = false;
            while (!end && i < b.length) {
                int c = b[i++];
                if (state == quoted) {
                    if (c == '"') {
                        if (i < b.length && b[i] == '"') i++;
                        else state = afterQuote;
                    }
                } else if (c == ',') {
                    state = fieldStart;
                } else if (c == '\n') {
                    end = true;
                } else if (c == '\r' && (i == b.length || b[i] == '\n')) {
                    if (i < b.length) i++;
                    end = true;
                } else if (state == fieldStart && c == '"') {
                    state = quoted;
                } else {
                    state = unquoted;
                }
            }
        }
        return Math.max(0, records - 1);
    }
}
