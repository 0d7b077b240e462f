package com.marketplacebilling.reconcile;

import static com.marketplacebilling.support.Corpus.bytes;
import static com.marketplacebilling.support.Corpus.concat;
import static com.marketplacebilling.support.Corpus.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.support.Corpus;
import com.marketplacebilling.support.Corpus.Case;
import com.marketplacebilling.support.Corpus.Expect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus for Microsoft's reconciliation file (src/test/resources/recon-corpus/&lt;case&gt;: a folder of
 * *.csv files and its expected.properties), plus the cases generated here because a committed file would be
 * awkward (megabyte fields, 10,000 fields, invalid UTF-8, NUL bytes), read as reconcile reads a folder: every
 * *.csv in binary name order through {@link MicrosoftFileReader}. For each: nothing crashes; a file without a
 * required column fails naming the file and the column; otherwise every row is accounted for (rows = compared +
 * set aside + malformed, rows counted here independently of the reader) and the malformed rows are exactly the
 * expected ones, by file, physical line and reason. See docs/robustness.md, section 5.
 */
class HostileReconCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/recon-corpus");

    @TempDir
    static Path tmp;

    static Stream<Arguments> cases() throws IOException {
        return Corpus.arguments(CORPUS, generated());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCase(String name, Case c) throws Exception {
        Properties exp = c.expected();
        String what = name + ": " + exp.getProperty("description");
        List<Path> files = csvFiles(c.folder());
        if (exp.getProperty("exit").equals("1")) {
            // the header check of every file comes before any row is compared; the first bad file fails the folder
            String file = exp.getProperty("message.file");
            for (Path f : files) {
                if (f.getFileName().toString().equals(file)) {
                    assertThatThrownBy(() -> new MicrosoftFileReader(file, Files.newInputStream(f)).close()).as(what)
                            .isInstanceOf(FeedFileException.class)
                            .hasMessageStartingWith(file + ":").hasMessageContaining(exp.getProperty("message"));
                    return;
                }
                new MicrosoftFileReader(f.getFileName().toString(), Files.newInputStream(f)).close();
            }
            throw new AssertionError(what + ": no file " + file);
        }
        long rows = 0, compared = 0, setAside = 0;
        List<String> malformed = new ArrayList<>();
        for (Path f : files) {
            String file = f.getFileName().toString();
            rows += Records.count(Files.readAllBytes(f));
            try (InputStream in = Files.newInputStream(f); MicrosoftFileReader r = new MicrosoftFileReader(file, in)) {
                for (MicrosoftFileReader.Outcome o = r.next(); o != null; o = r.next()) {
                    if (o instanceof MicrosoftFileReader.Compared) compared++;
                    else if (o instanceof MicrosoftFileReader.SetAside s && s.code() == ReconCode.RECON_UNSUPPORTED_CHARGE_TYPE) setAside++;
                    else if (o instanceof MicrosoftFileReader.SetAside s) {
                        assertThat(s.code()).isEqualTo(ReconCode.RECON_MALFORMED_ROW);
                        assertThat(s.message()).as(what).startsWith(file + ": line " + s.line() + ": ");
                        malformed.add(file + ":" + s.line() + ":" + s.message());
                    }
                }
            }
        }
        assertThat(rows).as(what + " rows (counted independently)").isEqualTo(Long.parseLong(exp.getProperty("rows")));
        assertThat(compared).as(what + " compared").isEqualTo(Long.parseLong(exp.getProperty("compared")));
        assertThat(setAside).as(what + " set aside").isEqualTo(Long.parseLong(exp.getProperty("setaside")));
        assertThat((long) malformed.size()).as(what + " malformed: " + malformed).isEqualTo(Long.parseLong(exp.getProperty("malformed")));
        assertThat(compared + setAside + malformed.size()).as(what + " rows = compared + set aside + malformed").isEqualTo(rows);
        for (int i = 1; exp.containsKey("malformed." + i); i++) {
            String[] e = exp.getProperty("malformed." + i).split(":", 3);
            String got = malformed.get(i - 1);
            assertThat(got).as(what + " malformed." + i).startsWith(e[0] + ":" + e[1] + ":").contains(e[2]);
        }
    }

    /** The *.csv files of a folder in binary name order, as reconcile reads them. */
    static List<Path> csvFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        }
    }

    // ---- generated cases ------------------------------------------------------------------------------------

    private static List<Case> generated() throws IOException {
        List<String> base = Files.readAllLines(CORPUS.resolve("valid-baseline").resolve("G000000001.csv"));
        String header = base.get(0);
        String a = base.get(1);
        List<Case> cases = new ArrayList<>();
        String mb = "m".repeat(1 << 20);
        cases.add(generate("one-megabyte-fields", "1 MiB in an ignored column, in CustomerName and in SubscriptionId:"
                        + " read like any other text (the report carries them, the matcher finds no such subscription)",
                lines(header, a.replace("Alpha GmbH", mb), a.replace(",sub-a,", "," + mb + ","), a.replace(",offer-1,", "," + mb + ",")),
                ok(3, 3, 0, 0)));
        cases.add(generate("nine-megabyte-field", "9 MiB in an ignored column, beyond the reader's 8 Mi-character field limit: that row"
                        + " is malformed, the next ones stay aligned",
                lines(header, a.replace(",offer-1,", "," + "f".repeat(9 << 20) + ","), a, a),
                ok(3, 2, 0, 1).with("malformed.1", "G.csv:2:FIELD_TOO_LONG")));
        cases.add(generate("ten-thousand-fields", "a row of 10,000 fields", lines(header, a, "sub-x" + ",x".repeat(9_999), a),
                ok(3, 2, 0, 1).with("malformed.1", "G.csv:3:has 10000 fields")));
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
        List<byte[]> parts = new ArrayList<>();
        parts.add(bytes(header + "\n"));
        for (byte[] b : bad) {
            String[] around = a.split("sub-a", 2);
            parts.add(bytes(around[0] + "sub-"));
            parts.add(b);
            parts.add(bytes("a" + around[1] + "\n"));
        }
        String[] ignored = a.split("Alpha seats", 2); // SubscriptionDescription is not read
        parts.add(bytes(ignored[0] + "Alpha"));
        parts.add(new byte[] {(byte) 0xFF});
        parts.add(bytes("seats" + ignored[1] + "\n"));
        cases.add(generate("invalid-utf8", "invalid UTF-8 (C3 28, overlong C0 AF, CESU ED A0 80, lone FF) in SubscriptionId:"
                        + " malformed; in an ignored column: read", concat(parts),
                ok(5, 1, 0, 4).with("malformed.1", "G.csv:2:invalid UTF-8").with("malformed.2", "G.csv:3:invalid UTF-8")
                        .with("malformed.3", "G.csv:4:invalid UTF-8").with("malformed.4", "G.csv:5:invalid UTF-8")));
        cases.add(generate("nul-bytes", "NUL in SubscriptionId and in Subtotal (malformed), in an ignored column (read)",
                lines(header, a.replace("sub-a", "sub\0a"), a.replace("100.80", "100\0.80"), a.replace("Alpha seats", "Alpha\0seats")),
                ok(3, 1, 0, 2).with("malformed.1", "G.csv:2:control character").with("malformed.2", "G.csv:3:control character")));
        return cases;
    }

    static Expect ok(long rows, long compared, long setAside, long malformed) {
        return new Expect().with("exit", "0").with("rows", "" + rows).with("compared", "" + compared)
                .with("setaside", "" + setAside).with("malformed", "" + malformed);
    }

    private static Case generate(String name, String description, Object content, Expect expected) {
        Path folder = tmp.resolve(name);
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve("G.csv"), content instanceof byte[] b ? b : bytes((String) content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Corpus.generated(name, description, folder, expected);
    }



    /**
     * Counts the data records of a CSV file by its bytes, independently of the reader under test: records end at
     * a line break outside quotes; the header is not counted; a byte-order mark and a final line break add none.
     */
    static final class Records {
        static long count(byte[] b) {
            int i = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
            if (i == b.length) return 0;
            long records = 0;
            boolean quoted = false;
            boolean atStart = true; // at the start of a field: a quote opens quoting
            boolean content = false;
            for (; i < b.length; i++) {
                byte c = b[i];
                content = true;
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < b.length && b[i + 1] == '"') i++;
                        else quoted = false;
                    }
                    continue;
                }
                if (c == '"' && atStart) { quoted = true; atStart = false; }
                else if (c == ',') atStart = true;
                else if (c == '\n') { records++; atStart = true; content = false; }
                else atStart = false;
            }
            if (content) records++; // the last record without a line break
            return Math.max(0, records - 1);
        }
    }
}
