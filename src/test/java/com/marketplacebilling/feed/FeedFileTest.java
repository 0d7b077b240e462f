package com.marketplacebilling.feed;

import static com.marketplacebilling.feed.Feeds.D;
import static com.marketplacebilling.feed.Feeds.accepted;
import static com.marketplacebilling.feed.Feeds.commerceRow;
import static com.marketplacebilling.feed.Feeds.fulfillmentRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.Hashes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-level rules: header matching, missing/empty files, ignored columns. */
class FeedFileTest {

    @TempDir
    Path dir;

    private FeedFileException openFails(String text) {
        Path p = Feeds.write(dir, "subscriptions.csv", text);
        return assertThrows(FeedFileException.class, () -> FeedReader.commerce(p, D).close());
    }

    private static String withoutColumn(Map<String, String> row, String column) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(row);
        copy.remove(column);
        return Feeds.csv(List.of(copy));
    }

    @Test
    void missingRequiredColumnFailsTheFile() {
        FeedFileException e = openFails(withoutColumn(commerceRow(), "currency"));
        assertEquals(dir.resolve("subscriptions.csv") + ": required column \"currency\" is missing from the header"
                + " (line 1); add it or fix its spelling (names are case-sensitive)", e.getMessage());
    }

    @Test
    void severalMissingRequiredColumnsAreAllNamed() {
        FeedFileException e = openFails("subscription_id,order_id\n");
        assertTrue(e.getMessage().contains("required columns \"customer_id\", \"customer_name\", \"publisher_id\""),
                e.getMessage());
    }

    @Test
    void requiredColumnNamesAreCaseSensitive() {
        FeedFileException e = openFails(Feeds.csv(List.of(commerceRow())).replaceFirst("currency", "Currency"));
        assertTrue(e.getMessage().contains("required column \"currency\" is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("found \"Currency\" at position 14"), e.getMessage());
    }

    @Test
    void duplicatedColumnFailsTheFile() {
        FeedFileException e = openFails("currency," + Feeds.csv(List.of(commerceRow())));
        assertEquals(dir.resolve("subscriptions.csv") + ": column \"currency\" appears twice in the header (line 1,"
                + " positions 1 and 15); remove one of them", e.getMessage());
    }

    @Test
    void duplicatedOptionalColumnFailsTheFile() {
        FeedFileException e = openFails("friendly_name," + Feeds.csv(List.of(commerceRow())));
        assertTrue(e.getMessage().contains("\"friendly_name\" appears twice"), e.getMessage());
    }

    @Test
    void emptyFileFailsTheFile() {
        FeedFileException e = openFails("");
        assertTrue(e.getMessage().startsWith(dir.resolve("subscriptions.csv")
                + ": file is empty (no header line); its first line must be the header: subscription_id,order_id,"),
                e.getMessage());
    }

    @Test
    void fileWithOnlyAByteOrderMarkIsEmpty() {
        Path p = Feeds.write(dir, "fulfillment-events.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        FeedFileException e = assertThrows(FeedFileException.class, () -> FeedReader.fulfillment(p, D));
        assertTrue(e.getMessage().contains("file is empty"), e.getMessage());
    }

    @Test
    void missingFileFailsTheFile() {
        Path p = dir.resolve("2026-11-24").resolve("subscriptions.csv");
        FeedFileException e = assertThrows(FeedFileException.class, () -> FeedReader.commerce(p, D));
        assertEquals(p + ": file not found; the subscriptions.csv feed for business date 2026-11-24 must be there"
                + " (it may hold only a header)", e.getMessage());
    }

    @Test
    void directoryInsteadOfFileFailsTheFile() throws Exception {
        Path p = Files.createDirectory(dir.resolve("fulfillment-events.csv"));
        FeedFileException e = assertThrows(FeedFileException.class, () -> FeedReader.fulfillment(p, D));
        assertTrue(e.getMessage().startsWith(p + ": file cannot be read"), e.getMessage());
    }

    @Test
    void headerOnlyFileHasZeroRows() {
        String header = String.join(",", FeedHeaders.FULFILLMENT_COLUMNS) + "\n";
        try (FeedReader<FulfillmentEvent> r = FeedReader.fulfillment(Feeds.write(dir, "f.csv", header), D)) {
            assertNull(r.next());
            assertEquals(0, r.rowsRead());
            assertEquals(List.of(), r.headerNotices());
        }
    }

    @Test
    void extraColumnsAreIgnoredWithOneNoticePerFile() {
        LinkedHashMap<String, String> row = new LinkedHashMap<>();
        row.put("Notes", "anything, even \u0001? no: text");
        row.putAll(commerceRow());
        row.put("region", "EMEA");
        LinkedHashMap<String, String> row2 = new LinkedHashMap<>(row);
        row2.put("subscription_id", "sub-002");
        row2.put("Notes", "plain text");
        try (FeedReader<CommerceVersion> r = FeedReader.commerce(
                Feeds.write(dir, "subscriptions.csv", Feeds.csv(List.of(row, row2))), D)) {
            List<BillingException> notices = r.headerNotices();
            assertEquals(1, notices.size());
            BillingException n = notices.get(0);
            assertEquals(ExceptionCode.FEED_COLUMNS_IGNORED, n.code());
            assertEquals(Hashes.id("E-", "2026-11-24", "FEED_COLUMNS_IGNORED", "subscriptions.csv"), n.exceptionId());
            assertEquals("subscriptions.csv", n.sourceFile());
            assertEquals(1, n.sourceLine());
            assertEquals("2 columns are not used by the job and ignored: \"Notes\", \"region\"", n.message());
            // the control character of an ignored column still rejects the row (any field)
            assertTrue(r.next() instanceof ParsedRow.Rejected<CommerceVersion>);
            assertEquals("sub-002", accepted(r.next()).subscriptionId());
        }
    }

    @Test
    void extraColumnValuesAreNotValidated() {
        LinkedHashMap<String, String> row = new LinkedHashMap<>(commerceRow());
        row.put("notes", "x".repeat(10_000));
        List<ParsedRow<CommerceVersion>> rows = Feeds.commerce(dir, Feeds.csv(List.of(row)));
        assertEquals("sub-001", accepted(rows.get(0)).subscriptionId());
    }

    @Test
    void reorderedColumnsAreMatchedByName() {
        List<String> columns = new ArrayList<>(FeedHeaders.COMMERCE_COLUMNS);
        Collections.reverse(columns);
        LinkedHashMap<String, String> reversed = new LinkedHashMap<>();
        for (String c : columns) {
            reversed.put(c, commerceRow().get(c));
        }
        CommerceVersion fromReversed = accepted(Feeds.commerce(dir, Feeds.csv(List.of(reversed))).get(0));
        CommerceVersion fromOrdered = accepted(Feeds.commerce(dir, Feeds.csv(List.of(commerceRow()))).get(0));
        assertEquals(fromOrdered, fromReversed);
        assertEquals("EUR", fromReversed.currency());
    }

    @Test
    void optionalColumnsMayBeLeftOutOfTheHeader() {
        LinkedHashMap<String, String> row = new LinkedHashMap<>(commerceRow());
        FeedHeaders.COMMERCE_OPTIONAL.forEach(row::remove);
        CommerceVersion v = accepted(Feeds.commerce(dir, Feeds.csv(List.of(row))).get(0));
        assertEquals("", v.customerCountry());
        assertEquals("", v.resellerMpnId());
        assertEquals("", v.friendlyName());
        assertNull(v.cancelledAt());

        LinkedHashMap<String, String> event = new LinkedHashMap<>(fulfillmentRow());
        event.put("action", "Suspend");
        FeedHeaders.FULFILLMENT_OPTIONAL.forEach(event::remove);
        FulfillmentEvent e = accepted(Feeds.fulfillment(dir, Feeds.csv(List.of(event))).get(0));
        assertEquals("", e.planId());
        assertNull(e.quantity());
    }

    @Test
    void skipDiscardsRowsForRestart() {
        List<LinkedHashMap<String, String>> rows = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            rows.add(Feeds.with(commerceRow(), "subscription_id", "sub-" + i));
        }
        try (FeedReader<CommerceVersion> r = FeedReader.commerce(
                Feeds.write(dir, "subscriptions.csv", Feeds.csv(rows)), D)) {
            r.skip(2);
            assertEquals(2, r.rowsRead());
            CommerceVersion third = accepted(r.next());
            assertEquals("sub-3", third.subscriptionId());
            assertEquals(4, third.source().line());
            r.skip(10);
            assertEquals(4, r.rowsRead());
            assertNull(r.next());
        }
    }
}
