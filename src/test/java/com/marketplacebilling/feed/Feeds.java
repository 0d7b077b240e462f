package com.marketplacebilling.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds feed files in code for the tests. */
final class Feeds {
    static final LocalDate D = LocalDate.of(2026, 11, 24);

    private Feeds() {}

    /** A valid subscriptions.csv row, in contract column order. */
    static LinkedHashMap<String, String> commerceRow() {
        LinkedHashMap<String, String> r = new LinkedHashMap<>();
        r.put("subscription_id", "sub-001");
        r.put("order_id", "ord-001");
        r.put("customer_id", "cust-001");
        r.put("customer_name", "Contoso, Ltd.");
        r.put("customer_country", "DE");
        r.put("reseller_mpn_id", "1234567");
        r.put("publisher_id", "pub-1");
        r.put("publisher_name", "Fabrikam");
        r.put("offer_id", "offer-1");
        r.put("plan_id", "plan-basic");
        r.put("friendly_name", "Team seats");
        r.put("quantity", "10");
        r.put("unit_price", "10.08");
        r.put("currency", "EUR");
        r.put("term", "P1M");
        r.put("billing_frequency", "monthly");
        r.put("auto_renew", "true");
        r.put("status", "active");
        r.put("ordered_at", "2026-11-01T10:00:00Z");
        r.put("updated_at", "2026-11-24T11:15:00+01:00");
        r.put("cancelled_at", "");
        return r;
    }

    /** A valid fulfillment-events.csv row, in contract column order. */
    static LinkedHashMap<String, String> fulfillmentRow() {
        LinkedHashMap<String, String> r = new LinkedHashMap<>();
        r.put("event_id", "evt-001");
        r.put("subscription_id", "sub-001");
        r.put("publisher_id", "pub-1");
        r.put("action", "ChangeQuantity");
        r.put("occurred_at", "2026-11-24T09:30:00Z");
        r.put("plan_id", "");
        r.put("quantity", "12");
        r.put("status", "Succeeded");
        return r;
    }

    static LinkedHashMap<String, String> with(LinkedHashMap<String, String> row, String column, String value) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    /** Header line plus one line per row (LF), values quoted when they need it. */
    static String csv(List<? extends Map<String, String>> rows) {
        StringBuilder b = new StringBuilder(String.join(",", rows.get(0).keySet())).append('\n');
        for (Map<String, String> row : rows) {
            b.append(line(row.values())).append('\n');
        }
        return b.toString();
    }

    static String line(Iterable<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
            out.add(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        return String.join(",", out);
    }

    static Path write(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> List<ParsedRow<T>> readAll(FeedReader<T> reader) {
        try (reader) {
            List<ParsedRow<T>> rows = new ArrayList<>();
            for (ParsedRow<T> r = reader.next(); r != null; r = reader.next()) {
                rows.add(r);
            }
            assertEquals(rows.size(), reader.rowsRead(), "rowsRead");
            return rows;
        }
    }

    static List<ParsedRow<CommerceVersion>> commerce(Path dir, String text) {
        return readAll(FeedReader.commerce(write(dir, "subscriptions.csv", text), D));
    }

    static List<ParsedRow<FulfillmentEvent>> fulfillment(Path dir, String text) {
        return readAll(FeedReader.fulfillment(write(dir, "fulfillment-events.csv", text), D));
    }

    static <T> T accepted(ParsedRow<T> row) {
        ParsedRow.Accepted<T> a = assertInstanceOf(ParsedRow.Accepted.class, row,
                () -> "expected accepted but was " + row);
        return a.value();
    }

    static BillingException rejected(ParsedRow<?> row) {
        ParsedRow.Rejected<?> r = assertInstanceOf(ParsedRow.Rejected.class, row,
                () -> "expected rejected but was " + row);
        return r.defect();
    }
}
