package com.marketplacebilling.e2e;

import static com.marketplacebilling.support.Corpus.bytes;
import static com.marketplacebilling.support.Corpus.concat;
import static com.marketplacebilling.support.Corpus.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Corpus;
import com.marketplacebilling.support.Corpus.Case;
import com.marketplacebilling.support.Corpus.Expect;
import com.marketplacebilling.support.Slow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the hostile-feed corpus (src/test/resources/corpus/&lt;case&gt;: an inbox for 2026-11-02 and its
 * expected.properties), plus the cases generated here because a committed file would be awkward (megabyte
 * fields, 10,000 fields, invalid UTF-8, NUL bytes, a folder instead of a file), run through the real job on a
 * fresh PostgreSQL database each. See docs/robustness.md.
 */
@Slow
class HostileFeedCorpusTest {
    static final String DATE = "2026-11-02";
    static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final Pattern MESSAGE = Pattern.compile("column \"(.*)\": (.*)", Pattern.DOTALL);

    @TempDir
    static Path tmp;
    static MigratedDatabases databases;

    @BeforeAll
    static void migrateTemplate() { databases = new MigratedDatabases(); }

    @AfterAll
    static void dropTemplate() { databases.close(); }

    static Stream<Arguments> cases() throws IOException {
        return Corpus.arguments(CORPUS, generated());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCase(String name, Case c) throws Exception {
        Properties exp = c.expected();
        Path outbox = tmp.resolve("out-" + name);
        try (MigratedDatabases.Copy db = databases.create()) {
            Cli.Result r = new Cli(Cli.repository(), db.url())
                    .run("run", "--date", DATE, "--inbox", c.folder().toString(), "--outbox", outbox.toString());
            String what = name + ": " + exp.getProperty("description") + "\n" + r.all();
            assertThat(r.all()).as("no stack trace: " + what).doesNotContain("\tat ").doesNotContain("Exception:");
            assertThat(r.exitCode()).as(what).isEqualTo(Integer.parseInt(exp.getProperty("exit")));
            Outputs.assertNoLeftovers(outbox);
            if (r.exitCode() == 1) {
                assertThat(r.err()).as(what).contains(c.folder().resolve(DATE).resolve(exp.getProperty("message.file")).toString())
                        .contains(exp.getProperty("message")).contains(exp.getProperty("advice", "restart --date ") + DATE);
                assertThat(outbox.resolve(DATE)).as("no output folder: " + what).doesNotExist();
                assertThat(db.count("SELECT count(*) FROM invoice_line")).as("nothing billed: " + what).isZero();
                return;
            }
            checkPublished(name, c, exp, outbox.resolve(DATE));
        }
    }

    private static void checkPublished(String name, Case c, Properties exp, Path folder) throws IOException {
        Map<String, Outputs.Input> inputs = Outputs.assertAccounted(folder, c.folder().resolve(DATE));
        for (String file : List.of("subscriptions", "fulfillment-events")) {
            Outputs.Input in = inputs.get(file + ".csv");
            assertThat(in.rows()).as(name + " " + file + " rows").isEqualTo(Long.parseLong(exp.getProperty(file + ".rows")));
            assertThat(in.rejected()).as(name + " " + file + " rejected")
                    .isEqualTo(Long.parseLong(exp.getProperty(file + ".rejected")));
        }
        List<Map<String, String>> exceptions = Outputs.rows(folder.resolve("exceptions.csv"));
        // exactly the expected MALFORMED_ROW exceptions: file, physical line, column, and the rule's words
        List<String> expected = new ArrayList<>();
        for (int i = 1; exp.containsKey("malformed." + i); i++) expected.add(exp.getProperty("malformed." + i));
        List<Map<String, String>> malformed = exceptions.stream().filter(e -> e.get("Code").equals("MALFORMED_ROW"))
                .sorted((a, b) -> (a.get("SourceFile") + String.format("%09d", Long.parseLong(a.get("SourceLine"))))
                        .compareTo(b.get("SourceFile") + String.format("%09d", Long.parseLong(b.get("SourceLine")))))
                .toList();
        List<String> actual = malformed.stream().map(e -> e.get("SourceFile") + ":" + e.get("SourceLine") + ":"
                + column(e.get("Message")) + " — " + e.get("Message")).toList();
        assertThat(malformed).as(name + " MALFORMED_ROW exceptions:\n" + String.join("\n", actual)).hasSize(expected.size());
        expected.sort((a, b) -> {
            String[] x = a.split(":", 4);
            String[] y = b.split(":", 4);
            return (x[0] + String.format("%09d", Long.parseLong(x[1]))).compareTo(y[0] + String.format("%09d", Long.parseLong(y[1])));
        });
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split(":", 4);
            Map<String, String> a = malformed.get(i);
            String as = name + " expected " + expected.get(i) + ", got " + actual.get(i);
            assertThat(a.get("SourceFile")).as(as).isEqualTo(e[0]);
            assertThat(a.get("SourceLine")).as(as).isEqualTo(e[1]);
            assertThat(column(a.get("Message"))).as(as).isEqualTo(e[2]);
            assertThat(a.get("Message")).as(as).contains(e[3]);
            assertThat(a.get("Severity")).as(as).isEqualTo("ERROR");
        }
        Set<String> codes = exceptions.stream().map(e -> e.get("Code")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(String.join(",", codes)).as(name + " exception codes").isEqualTo(exp.getProperty("codes"));
        // every other row was processed: the subscriptions expected to be billed are, and no others
        Set<String> billed = Outputs.rows(folder.resolve("invoice-lines.csv")).stream().map(l -> l.get("SubscriptionId"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expectedBilled = new TreeSet<>(Arrays.asList(exp.getProperty("billed").split(",")));
        expectedBilled.remove("");
        assertThat(billed).as(name + " billed subscriptions").isEqualTo(expectedBilled);
        for (String file : List.of("invoice-lines.csv", "exceptions.csv")) {
            String fragment = exp.getProperty("contains." + file);
            if (fragment != null) assertThat(Files.readString(folder.resolve(file))).as(name + " " + file).contains(fragment);
        }
        Outputs.assertNoFormulaCells(folder);
    }

    private static String column(String message) {
        Matcher m = MESSAGE.matcher(message);
        return m.matches() ? m.group(1) : "?";
    }

    // ---- generated cases ------------------------------------------------------------------------------------

    private static List<Case> generated() throws IOException {
        Path base = CORPUS.resolve("valid-baseline").resolve(DATE);
        List<String> subs = Files.readAllLines(base.resolve("subscriptions.csv"));
        List<String> events = Files.readAllLines(base.resolve("fulfillment-events.csv"));
        String subA = subs.get(1);
        List<Case> cases = new ArrayList<>();

        // a row of 10,000 fields (the reader keeps only one field past the header's width)
        cases.add(generate("ten-thousand-fields", "a row with 10,000 fields", inbox -> {
            String row = "sub-x1" + ",x".repeat(9_999);
            write(inbox, "subscriptions.csv", lines(subs.get(0), subA, row, subs.get(2), subs.get(3)));
            write(inbox, "fulfillment-events.csv", lines(events));
        }, ok(4, 1, 6, 0, "subscriptions.csv:3:*:the row has 10000 fields but the header has 21")));

        // 1 MB in a checked column is rejected; 1 MB in an ignored column is accepted (the value is never used)
        String mb = "m".repeat(1 << 20);
        cases.add(generate("one-megabyte-field", "a 1 MB customer_name (rejected) and a 1 MB ignored column (accepted)",
                inbox -> {
                    write(inbox, "subscriptions.csv", lines(subs.get(0) + ",notes", subA + "," + mb,
                            subA.replace("sub-a,ord-a,cust-a,Alpha GmbH", "sub-x1,ord-x1,cust-x1," + mb) + ",",
                            subs.get(2) + ",", subs.get(3) + ","));
                    write(inbox, "fulfillment-events.csv", lines(events));
                }, ok(4, 1, 6, 0, "subscriptions.csv:3:customer_name:must be 1 to 255 characters (it has 1048576)")
                        .with("codes", "FEED_COLUMNS_IGNORED,MALFORMED_ROW")));

        // over the reader's 8 Mi-character field limit: the excess is dropped, the record marked, later rows aligned
        cases.add(generate("nine-megabyte-field", "a 9 MB friendly_name, beyond the reader's field limit", inbox -> {
            String huge = "f".repeat(9 << 20);
            write(inbox, "subscriptions.csv", lines(subs.get(0), subA,
                    subA.replace("sub-a", "sub-x1").replace("Alpha seats", huge), subs.get(2), subs.get(3)));
            write(inbox, "fulfillment-events.csv", lines(events));
        }, ok(4, 1, 6, 0, "subscriptions.csv:3:friendly_name:longer than 8388608 characters")));

        // invalid UTF-8: a broken two-byte sequence, an overlong '/', a CESU surrogate, a lone 0xFF
        cases.add(generate("invalid-utf8", "invalid UTF-8 bytes in a commerce and a fulfillment row", inbox -> {
            byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
            List<byte[]> parts = new ArrayList<>();
            parts.add(bytes(subs.get(0) + "\n" + subA + "\n"));
            for (int i = 0; i < bad.length; i++) {
                String[] around = subA.replace("sub-a,ord-a,cust-a", "sub-x" + i + ",ord-x" + i + ",cust-x" + i)
                        .split("Alpha GmbH", 2);
                parts.add(bytes(around[0] + "Alpha"));
                parts.add(bad[i]);
                parts.add(bytes("GmbH" + around[1] + "\n"));
            }
            parts.add(bytes(subs.get(2) + "\n" + subs.get(3) + "\n"));
            Files.write(inbox.resolve("subscriptions.csv"), concat(parts));
            Files.write(inbox.resolve("fulfillment-events.csv"), concat(List.of(bytes(lines(events.subList(0, 3))),
                    bytes("evt-x1,sub-a,pub-"), new byte[] {(byte) 0xFF}, bytes(",Suspend,2026-11-01T12:00:00Z,,,Succeeded\n"),
                    bytes(lines(events.subList(3, events.size()))))));
        }, ok(6, 3, 7, 1, "subscriptions.csv:3:customer_name:invalid UTF-8", "subscriptions.csv:4:customer_name:invalid UTF-8",
                "subscriptions.csv:5:customer_name:invalid UTF-8", "fulfillment-events.csv:4:publisher_id:invalid UTF-8")));

        // NUL bytes, in a checked column and in an ignored one (control characters are refused in every field)
        cases.add(generate("nul-bytes", "NUL bytes in a text column and in an ignored column", inbox -> {
            write(inbox, "subscriptions.csv", lines(subs.get(0) + ",notes", subA + ",",
                    subA.replace("sub-a", "sub-x1").replace("Alpha GmbH", "Alpha\0GmbH") + ",",
                    subA.replace("sub-a", "sub-x2") + ",a\0b", subs.get(2) + ",", subs.get(3) + ","));
            write(inbox, "fulfillment-events.csv", lines(events.get(0), events.get(1), events.get(2),
                    "evt-\0x1,sub-a,pub-1,Suspend,2026-11-01T12:00:00Z,,,Succeeded", events.get(3), events.get(4),
                    events.get(5), events.get(6)));
        }, ok(5, 2, 7, 1, "subscriptions.csv:3:customer_name:control character", "subscriptions.csv:4:notes:control character",
                "fulfillment-events.csv:4:event_id:control character").with("codes", "FEED_COLUMNS_IGNORED,MALFORMED_ROW")));

        // file-level: a folder where the feed should be, and a missing commerce feed
        cases.add(generate("feed-is-a-folder", "subscriptions.csv is a folder", inbox -> {
            Files.createDirectories(inbox.resolve("subscriptions.csv"));
            write(inbox, "fulfillment-events.csv", lines(events));
        }, fail("subscriptions.csv", "cannot be read")));
        cases.add(generate("missing-subscriptions", "subscriptions.csv is missing", inbox ->
                write(inbox, "fulfillment-events.csv", lines(events)), fail("subscriptions.csv", "does not exist")
                .with("advice", "waiting for feeds of ")));
        return cases;
    }

    static Expect ok(long subRows, long subRejected, long evRows, long evRejected, String... malformed) {
        Expect e = new Expect().with("exit", "0").with("subscriptions.rows", "" + subRows)
                .with("subscriptions.rejected", "" + subRejected).with("fulfillment-events.rows", "" + evRows)
                .with("fulfillment-events.rejected", "" + evRejected).with("billed", "sub-a,sub-b,sub-c")
                .with("codes", malformed.length == 0 ? "" : "MALFORMED_ROW");
        for (int i = 0; i < malformed.length; i++) e.with("malformed." + (i + 1), malformed[i]);
        return e;
    }

    static Expect fail(String file, String fragment) {
        return new Expect().with("exit", "1").with("message.file", file).with("message", fragment);
    }

    interface Builder {
        void build(Path dateFolder) throws IOException;
    }

    private static Case generate(String name, String description, Builder builder, Expect expected) {
        Path inbox = tmp.resolve("inbox-" + name);
        try {
            builder.build(Files.createDirectories(inbox.resolve(DATE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Corpus.generated(name, description, inbox, expected);
    }


    private static void write(Path folder, String file, String text) throws IOException {
        Files.writeString(folder.resolve(file), text, StandardCharsets.UTF_8);
    }



}
