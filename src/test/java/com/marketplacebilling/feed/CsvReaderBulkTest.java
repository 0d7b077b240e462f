package com.marketplacebilling.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reader's bulk paths (whole fields from the buffer, runs of plain characters, D46) read every text exactly
 * as the character-by-character reader did: same records, fields, line numbers and framing defects, whatever the
 * text and however the stream cuts it (buffer ends inside fields, quotes, CRLF).
 */
class CsvReaderBulkTest {
    private static final String[] PIECES = {"a", "bc", "sub-00000001", ",", ",", ",", "\n", "\r\n", "\r", "\"", "\"\"",
            "é", "Müller & Söhne, GmbH", "\u0000", " ", "中", "\ud83d\ude00", "x\ud800"};

    @Test
    @DisplayName("random texts, random field limits, streams cut at random: records identical to the reference")
    void sameRecords() throws IOException {
        Random r = new Random(4646);
        for (int t = 0; t < 3_000; t++) {
            StringBuilder b = new StringBuilder();
            int n = t % 100 == 0 ? 60_000 : r.nextInt(200); // some texts span several 64K-char buffers
            for (int i = 0; i < n; i++) b.append(PIECES[r.nextInt(PIECES.length)]);
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            int limit = 1 + r.nextInt(12);
            int maxChunk = r.nextBoolean() ? Integer.MAX_VALUE : 1 + r.nextInt(9);
            assertThat(records(bytes, limit, new Random(t), maxChunk)).as("text %d", t)
                    .isEqualTo(reference(bytes, limit));
        }
    }

    @Test
    @DisplayName("a feed-like file of 20,000 rows read in one stream: identical to the reference")
    void feedLike() throws IOException {
        StringBuilder b = new StringBuilder(String.join(",", FeedHeaders.COMMERCE_COLUMNS)).append("\r\n");
        for (int i = 0; i < 20_000; i++) {
            b.append("sub-").append(i).append(",ord-").append(i).append(",cust-").append(i % 977)
                    .append(i % 3 == 0 ? ",\"Müller & Söhne, GmbH\"," : ",Contoso Ltd,").append("DE,,contoso,\"a \"\"b\"\"\"")
                    .append(",crm,pro,CRM seats ").append(i).append(",3,10.08,EUR,P1M,monthly,true,active,")
                    .append("2026-10-12T07:00:00Z,2026-10-12T07:00:00Z,").append(i % 5 == 0 ? "\n" : "\r\n");
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(records(bytes, 30, new Random(1), Integer.MAX_VALUE)).isEqualTo(reference(bytes, 30));
    }

    private static List<String> records(byte[] bytes, int limit, Random cut, int maxChunk) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecordReader r = new CsvRecordReader(chunked(bytes, cut, maxChunk))) {
            for (CsvRecordReader.CsvRecord rec; (rec = r.next(limit)) != null; ) {
                out.add(rec.line() + "|" + rec.fields() + "|" + rec.fieldCount() + "|" + rec.framing() + "|"
                        + rec.framingField() + "|" + r.nextLine());
            }
        }
        return out;
    }

    private static List<String> reference(byte[] bytes, int limit) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecordReaderBefore r = new CsvRecordReaderBefore(new ByteArrayInputStream(bytes))) {
            for (CsvRecordReaderBefore.CsvRecord rec; (rec = r.next(limit)) != null; ) {
                out.add(rec.line() + "|" + rec.fields() + "|" + rec.fieldCount() + "|" + rec.framing() + "|"
                        + rec.framingField() + "|" + r.nextLine());
            }
        }
        return out;
    }

    /** A stream that hands out at most {@code maxChunk} bytes per read (the reader's buffer then ends anywhere). */
    private static InputStream chunked(byte[] bytes, Random cut, int maxChunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, maxChunk == Integer.MAX_VALUE ? len : 1 + cut.nextInt(maxChunk)));
            }
        };
    }
}
