package com.marketplacebilling.feed;

import static com.marketplacebilling.feed.Feeds.accepted;
import static com.marketplacebilling.feed.Feeds.commerceRow;
import static com.marketplacebilling.feed.Feeds.rejected;
import static com.marketplacebilling.feed.Feeds.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** General CSV rules of feeds.md: encoding, quoting, line ends, line numbers, robustness. */
class CsvFramingTest {

    @TempDir
    Path dir;

    private static final String HEADER = String.join(",", FeedHeaders.COMMERCE_COLUMNS);

    private static String row(String subscriptionId) {
        return Feeds.line(with(commerceRow(), "subscription_id", subscriptionId).values());
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof byte[] raw ? raw : p.toString().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private List<ParsedRow<CommerceVersion>> read(byte[] content) {
        return Feeds.readAll(FeedReader.commerce(Feeds.write(dir, "subscriptions.csv", content), Feeds.D));
    }

    private static List<CsvRecordReader.CsvRecord> records(String text) throws IOException {
        List<CsvRecordReader.CsvRecord> out = new ArrayList<>();
        try (CsvRecordReader r = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (CsvRecordReader.CsvRecord rec = r.next(100); rec != null; rec = r.next(100)) {
                out.add(rec);
            }
        }
        return out;
    }

    private static void assertLines(List<? extends ParsedRow<?>> rows, long... lines) {
        assertEquals(lines.length, rows.size());
        for (int i = 0; i < lines.length; i++) {
            ParsedRow<?> r = rows.get(i);
            long line = r instanceof ParsedRow.Rejected<?> rej ? rej.defect().sourceLine()
                    : ((CommerceVersion) ((ParsedRow.Accepted<?>) r).value()).source().line();
            assertEquals(lines[i], line, "line of row " + i);
        }
    }

    @Test
    void byteOrderMarkIsStripped() {
        List<ParsedRow<CommerceVersion>> rows = read(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                HEADER + "\n" + row("sub-1") + "\n"));
        assertEquals("sub-1", accepted(rows.get(0)).subscriptionId());
    }

    @Test
    void crlfAndLfLineEndsMixed() {
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\r\n" + row("a1") + "\n" + row("a2") + "\r\n"
                + row("a3")));
        assertEquals("a1", accepted(rows.get(0)).subscriptionId());
        assertEquals("a2", accepted(rows.get(1)).subscriptionId());
        CommerceVersion last = accepted(rows.get(2));
        assertEquals("a3", last.subscriptionId());
        assertNull(last.cancelledAt());
        assertLines(rows, 2, 3, 4);
    }

    @Test
    void carriageReturnRightBeforeEndOfFileIsALineEnd() {
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n" + row("a1") + "\r"));
        assertEquals("a1", accepted(rows.get(0)).subscriptionId());
    }

    @Test
    void loneCarriageReturnIsAControlCharacterAndNotALineBreak() {
        String text = HEADER + "\n" + row("a1").replace("Fabrikam", "Fab\rrikam") + "\n" + row("a2") + "\n";
        List<ParsedRow<CommerceVersion>> rows = read(bytes(text));
        BillingException e = rejected(rows.get(0));
        assertEquals("column \"publisher_name\": contains a control character or invalid UTF-8 byte", e.message());
        assertEquals("Fab?rikam", e.actual());
        assertLines(rows, 2, 3);
    }

    @Test
    void quotedCommasAndQuotesAreData() {
        String name = "Contoso, \"The\" Ltd";
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n"
                + Feeds.line(with(commerceRow(), "customer_name", name).values()) + "\n"));
        assertTrue(Feeds.line(List.of(name)).equals("\"Contoso, \"\"The\"\" Ltd\""));
        assertEquals(name, accepted(rows.get(0)).customerName());
    }

    @Test
    void quoteInsideAnUnquotedFieldIsKeptLiterally() {
        String line = row("a1").replace("Fabrikam", "Fab 5\"inch\"");
        assertEquals("Fab 5\"inch\"", accepted(read(bytes(HEADER + "\n" + line + "\n")).get(0)).publisherName());
    }

    @Test
    void quotedLineBreakIsMalformedAndLaterRowsStayAligned() {
        String broken = Feeds.line(with(commerceRow(), "customer_name", "Contoso\r\nLtd").values());
        String text = HEADER + "\n" + row("a1") + "\n" + broken + "\n" + row("a3") + "\r\n" + row("a4") + "\n";
        List<ParsedRow<CommerceVersion>> rows = read(bytes(text));
        assertLines(rows, 2, 3, 5, 6);
        BillingException e = rejected(rows.get(1));
        assertEquals("column \"customer_name\": contains a control character or invalid UTF-8 byte", e.message());
        assertEquals("Contoso??Ltd", e.actual());
        assertEquals("a3", accepted(rows.get(2)).subscriptionId());
        assertEquals("a4", accepted(rows.get(3)).subscriptionId());
    }

    @Test
    void textAfterClosingQuoteRejectsOnlyThatRow() {
        String bad = row("a2").replace("Fabrikam", "\"Fab\"rikam");
        String spaced = row("a3").replace("Fabrikam", "\"Fabrikam\" ");
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n" + row("a1") + "\n" + bad + "\n" + spaced
                + "\n" + row("a4") + "\n"));
        assertLines(rows, 2, 3, 4, 5);
        BillingException e = rejected(rows.get(1));
        assertTrue(e.message().startsWith("column \"publisher_name\": text follows the closing quote"), e.message());
        assertEquals("a2", e.subscriptionId());
        rejected(rows.get(2));
        assertEquals("a4", accepted(rows.get(3)).subscriptionId());
    }

    @Test
    void tooFewFieldsIsMalformed() {
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\nsub-1,ord-1,cust-1\n" + row("a2") + "\n"));
        BillingException e = rejected(rows.get(0));
        assertEquals("column \"*\": the row has 3 fields but the header has 21 (first missing column:"
                + " \"customer_name\")", e.message());
        assertEquals("sub-1", e.subscriptionId());
        assertEquals("cust-1", e.customerId());
        assertEquals("a2", accepted(rows.get(1)).subscriptionId());
    }

    @Test
    void tenThousandFieldsIsMalformed() {
        String wide = row("a1") + ",x".repeat(10_000 - 21);
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n" + wide + "\n" + row("a2") + "\n"));
        BillingException e = rejected(rows.get(0));
        assertEquals("column \"*\": the row has 10000 fields but the header has 21 (first extra field at position"
                + " 22)", e.message());
        assertEquals("a2", accepted(rows.get(1)).subscriptionId());
        assertLines(rows, 2, 3);
    }

    @Test
    void emptyLineIsMalformedFieldCount() {
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n" + row("a1") + "\n\n" + row("a3") + "\n"));
        assertLines(rows, 2, 3, 4);
        assertTrue(rejected(rows.get(1)).message().startsWith("column \"*\": the row has 1 fields"));
        assertEquals("a3", accepted(rows.get(2)).subscriptionId());
    }

    @Test
    void emptyLineIsOneEmptyField() throws IOException {
        List<CsvRecordReader.CsvRecord> recs = records("name\n\nx\n");
        assertEquals(3, recs.size());
        assertEquals(List.of(""), recs.get(1).fields());
        assertEquals(2, recs.get(1).line());
        assertEquals(List.of("x"), recs.get(2).fields());
    }

    @Test
    void oneMegabyteFieldSurvives() {
        String big = "n".repeat(1 << 20);
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n"
                + Feeds.line(with(commerceRow(), "customer_name", big).values()) + "\n" + row("a2") + "\n"));
        BillingException e = rejected(rows.get(0));
        assertTrue(e.message().startsWith("column \"customer_name\": must be 1 to 255 characters"), e.message());
        assertEquals(100, e.actual().length());
        assertEquals("a2", accepted(rows.get(1)).subscriptionId());
    }

    @Test
    void fieldLongerThanTheLimitIsCutAndMalformed() throws IOException {
        String huge = "h".repeat(CsvRecordReader.MAX_FIELD_CHARS + 10);
        List<CsvRecordReader.CsvRecord> recs = records("a,b\n1," + huge + "\n2,3\n");
        assertEquals(CsvRecordReader.Framing.FIELD_TOO_LONG, recs.get(1).framing());
        assertEquals(1, recs.get(1).framingField());
        assertEquals(CsvRecordReader.MAX_FIELD_CHARS, recs.get(1).fields().get(1).length());
        assertEquals(List.of("2", "3"), recs.get(2).fields());
    }

    @Test
    void invalidUtf8BytesRejectOnlyThatRow() {
        byte[] invalid = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        String[] parts = row("a2").split("Fabrikam", 2);
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n" + row("a1") + "\n", parts[0], invalid,
                parts[1] + "\n" + row("a3") + "\n"));
        assertLines(rows, 2, 3, 4);
        BillingException e = rejected(rows.get(1));
        assertEquals("column \"publisher_name\": contains a control character or invalid UTF-8 byte", e.message());
        assertTrue(e.actual().startsWith("?"), e.actual());
        assertEquals("a3", accepted(rows.get(2)).subscriptionId());
    }

    @Test
    void validMultiByteUtf8IsAccepted() {
        String name = "Müller & Søn 株式会社 😀";
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n"
                + Feeds.line(with(commerceRow(), "customer_name", name).values()) + "\n"));
        assertEquals(name, accepted(rows.get(0)).customerName());
    }

    @Test
    void nulByteIsMalformed() {
        String[] parts = row("a1").split("Fabrikam", 2);
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n", parts[0], new byte[] {'F', 0, 'b'},
                parts[1] + "\n" + row("a2") + "\n"));
        BillingException e = rejected(rows.get(0));
        assertEquals("column \"publisher_name\": contains a control character or invalid UTF-8 byte", e.message());
        assertEquals("F?b", e.actual());
        assertEquals("a2", accepted(rows.get(1)).subscriptionId());
    }

    @Test
    void truncatedLastLineWithUnterminatedQuoteIsOneMalformedRow() {
        String truncated = row("a2").replace("Fabrikam", "\"Fabri");
        truncated = truncated.substring(0, truncated.indexOf("\"Fabri") + 6);
        List<ParsedRow<CommerceVersion>> rows = read(bytes(HEADER + "\n" + row("a1") + "\n" + truncated));
        assertLines(rows, 2, 3);
        assertEquals("a1", accepted(rows.get(0)).subscriptionId());
        BillingException e = rejected(rows.get(1));
        assertEquals("column \"publisher_name\": the quoted field is not closed (the file ends inside quotes)",
                e.message());
        assertEquals("a2", e.subscriptionId());
        assertEquals("Fabri", e.actual());
    }

    @Test
    void unterminatedQuoteSpanningLinesIsOneRowAtItsStartLine() throws IOException {
        List<CsvRecordReader.CsvRecord> recs = records("a,b\n1,\"x\n2,3\n4,5\n");
        assertEquals(2, recs.size());
        assertEquals(2, recs.get(1).line());
        assertEquals(CsvRecordReader.Framing.UNTERMINATED_QUOTE, recs.get(1).framing());
        assertEquals("x\n2,3\n4,5\n", recs.get(1).fields().get(1));
    }

    @Test
    void fieldLimitKeepsOnlyTheFirstFieldsButCountsAll() throws IOException {
        try (CsvRecordReader r = new CsvRecordReader(new ByteArrayInputStream("a,b,c,d,e\n".getBytes(
                StandardCharsets.UTF_8)))) {
            CsvRecordReader.CsvRecord rec = r.next(2);
            assertEquals(List.of("a", "b"), rec.fields());
            assertEquals(5, rec.fieldCount());
            assertNull(r.next(2));
        }
    }

    @Test
    void recordsKeepValuesExactlyAsWritten() throws IOException {
        List<CsvRecordReader.CsvRecord> recs = records(" a , \"b\"\"c\" ,\"\",,\"d,e\"\r\n");
        // " \"b\"\"c\" " is unquoted (starts with a space), so its quotes are literal
        assertEquals(List.of(" a ", " \"b\"\"c\" ", "", "", "d,e"), recs.get(0).fields());
        assertNull(recs.get(0).framing());
    }

    @Test
    void fulfillmentRowsHaveTheirPhysicalLines() {
        String header = String.join(",", FeedHeaders.FULFILLMENT_COLUMNS);
        String ok = Feeds.line(Feeds.fulfillmentRow().values());
        String multi = Feeds.line(with(Feeds.fulfillmentRow(), "event_id", "e\n1").values());
        List<ParsedRow<FulfillmentEvent>> rows = Feeds.fulfillment(dir, header + "\n" + multi + "\n" + ok + "\n");
        BillingException e = rejected(rows.get(0));
        assertEquals(2, e.sourceLine());
        assertEquals("e?1", e.eventId());
        assertEquals(4, accepted(rows.get(1)).source().line());
    }
}
