package com.marketplacebilling.feed;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.ExceptionIds;
import com.marketplacebilling.billing.SourceRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Streams one input feed, row by row, validating each row against feeds.md.
 *
 * <p>Opening reads and checks the header: a missing or unreadable file, an empty file, or a required column
 * that is missing or duplicated throws {@link FeedFileException}. Columns are matched by name (case-sensitive,
 * any order); unknown columns are ignored and reported once by {@link #headerNotices()}.
 *
 * <p>{@link #next()} then returns one {@link ParsedRow} per data record: {@code Accepted} with the domain value
 * (and INVALID_* warnings), or {@code Rejected} with a MALFORMED_ROW naming the first failing check: framing
 * (quotes), field count, control characters / invalid UTF-8 (any field), then the column rules in the order of
 * the contract's table. Nothing but the current record is held in memory.
 */
public final class FeedReader<T> implements AutoCloseable {

    /** Longest value copied into an exception's {@code actual}, in characters. */
    static final int ACTUAL_MAX = 100;
    private static final int HEADER_FIELD_LIMIT = 100_000;
    private static final int NOTICE_MAX_NAMES = 20;

    private final Path path;
    private final LocalDate businessDate;
    private final RowParser<T> parser;
    private final CsvRecordReader csv;
    private final List<String> header;
    private final Map<String, Integer> index;
    private final List<BillingException> headerNotices;
    private final int subscriptionIdIndex;
    private final int customerIdIndex;
    private final int eventIdIndex;
    private long rowsRead;

    /** Opens subscriptions.csv (any path; the exceptions name it "subscriptions.csv"). */
    public static FeedReader<CommerceVersion> commerce(Path file, LocalDate businessDate) {
        return new FeedReader<>(file, businessDate, new CommerceRowParser());
    }

    /** Opens fulfillment-events.csv (any path; the exceptions name it "fulfillment-events.csv"). */
    public static FeedReader<FulfillmentEvent> fulfillment(Path file, LocalDate businessDate) {
        return new FeedReader<>(file, businessDate, new FulfillmentRowParser());
    }

    private FeedReader(Path path, LocalDate businessDate, RowParser<T> parser) {
        this.path = Objects.requireNonNull(path, "path");
        this.businessDate = Objects.requireNonNull(businessDate, "businessDate");
        this.parser = parser;
        CsvRecordReader reader;
        CsvRecordReader.CsvRecord first;
        try {
            reader = open(path);
        } catch (NoSuchFileException e) {
            throw new FeedFileException(path + ": file not found; the " + parser.fileName()
                    + " feed for business date " + businessDate + " must be there (it may hold only a header)", e);
        } catch (AccessDeniedException e) {
            throw new FeedFileException(path + ": file cannot be read (permission denied); make it readable", e);
        } catch (IOException e) {
            throw new FeedFileException(path + ": file cannot be read (" + e.getMessage()
                    + "); it must be a readable regular file", e);
        }
        this.csv = reader;
        try {
            first = reader.next(HEADER_FIELD_LIMIT);
        } catch (IOException e) {
            closeQuietly();
            throw new FeedFileException(path + ": file cannot be read (" + e.getMessage()
                    + "); it must be a readable regular file", e);
        }
        try {
            this.header = checkHeader(first);
        } catch (FeedFileException e) {
            closeQuietly();
            throw e;
        }
        this.index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (parser.columns().contains(header.get(i))) {
                index.put(header.get(i), i);
            }
        }
        this.subscriptionIdIndex = index.getOrDefault(FeedHeaders.SUBSCRIPTION_ID, -1);
        this.customerIdIndex = parser instanceof CommerceRowParser
                ? index.getOrDefault(FeedHeaders.CUSTOMER_ID, -1) : -1;
        this.eventIdIndex = index.getOrDefault(FeedHeaders.EVENT_ID, -1);
        this.headerNotices = ignoredColumnsNotice();
    }

    private static CsvRecordReader open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            return new CsvRecordReader(in);
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private List<String> checkHeader(CsvRecordReader.CsvRecord first) {
        if (first == null) {
            throw new FeedFileException(path + ": file is empty (no header line); its first line must be the"
                    + " header: " + String.join(",", parser.columns()));
        }
        if (first.framing() != null || first.fieldCount() > HEADER_FIELD_LIMIT) {
            throw new FeedFileException(path + ": the header (line 1) is not a valid CSV line ("
                    + (first.framing() == null ? "more than " + HEADER_FIELD_LIMIT + " columns"
                    : first.framing().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    + "); it must be the column names separated by commas: " + String.join(",", parser.columns()));
        }
        List<String> names = first.fields();
        Map<String, Integer> firstPosition = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Integer previous = firstPosition.putIfAbsent(name, i);
            if (previous != null && parser.columns().contains(name)) {
                throw new FeedFileException(path + ": column \"" + name + "\" appears twice in the header (line 1,"
                        + " positions " + (previous + 1) + " and " + (i + 1) + "); remove one of them");
            }
        }
        List<String> missing = parser.required().stream().filter(c -> !firstPosition.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            String quoted = missing.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
            StringBuilder msg = new StringBuilder(path.toString()).append(": ");
            if (missing.size() == 1) {
                msg.append("required column ").append(quoted).append(" is missing from the header (line 1); add it"
                        + " or fix its spelling (names are case-sensitive)");
            } else {
                msg.append("required columns ").append(quoted).append(" are missing from the header (line 1); add"
                        + " them or fix their spelling (names are case-sensitive)");
            }
            for (String m : missing) {
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).strip().equalsIgnoreCase(m)) {
                        msg.append("; found \"").append(printable(names.get(i))).append("\" at position ")
                                .append(i + 1).append(" instead of \"").append(m).append('"');
                    }
                }
            }
            throw new FeedFileException(msg.toString());
        }
        return names;
    }

    private List<BillingException> ignoredColumnsNotice() {
        Set<String> ignored = new LinkedHashSet<>();
        for (String name : header) {
            if (!parser.columns().contains(name)) {
                ignored.add(printable(name));
            }
        }
        if (ignored.isEmpty()) {
            return List.of();
        }
        List<String> shown = ignored.stream().limit(NOTICE_MAX_NAMES).map(n -> "\"" + n + "\"").toList();
        String list = String.join(", ", shown)
                + (ignored.size() > NOTICE_MAX_NAMES ? " and " + (ignored.size() - NOTICE_MAX_NAMES) + " more" : "");
        String file = parser.fileName();
        return List.of(new BillingException(
                ExceptionIds.ofFile(businessDate, ExceptionCode.FEED_COLUMNS_IGNORED, file),
                businessDate, ExceptionCode.FEED_COLUMNS_IGNORED, "", "", file, 1, "",
                ignored.size() + (ignored.size() == 1 ? " column is" : " columns are")
                        + " not used by the job and ignored: " + list,
                "", printable(String.join(",", ignored))));
    }

    /** The FEED_COLUMNS_IGNORED notice of this file (INFO), if its header has columns the job does not use. */
    public List<BillingException> headerNotices() {
        return headerNotices;
    }

    /** The header's column names as written, in file order. */
    public List<String> header() {
        return header;
    }

    /** Number of data records read so far (accepted, rejected and skipped). */
    public long rowsRead() {
        return rowsRead;
    }

    /** The next data record, validated; null at the end of the file. */
    public ParsedRow<T> next() {
        CsvRecordReader.CsvRecord rec = read();
        if (rec == null) {
            return null;
        }
        rowsRead++;
        SourceRef source = new SourceRef(businessDate, parser.fileName(), rec.line());
        if (rec.framing() != null) {
            int i = rec.framingField();
            String value = i < rec.fields().size() ? rec.fields().get(i) : "";
            String rule = switch (rec.framing()) {
                case UNTERMINATED_QUOTE -> "the quoted field is not closed (the file ends inside quotes)";
                case TEXT_AFTER_CLOSING_QUOTE -> "text follows the closing quote; a quoted field must end with"
                        + " '\"' followed by ',' or the line end (write \"\" for a quote inside it)";
                case FIELD_TOO_LONG -> "the field is longer than " + CsvRecordReader.MAX_FIELD_CHARS
                        + " characters";
            };
            String expected = rec.framing() == CsvRecordReader.Framing.FIELD_TOO_LONG
                    ? "at most " + CsvRecordReader.MAX_FIELD_CHARS + " characters" : "RFC 4180 quoting";
            return rejected(rec, columnName(i), rule, expected, value);
        }
        if (rec.fieldCount() != header.size()) {
            String detail = rec.fieldCount() < header.size()
                    ? "first missing column: \"" + printable(header.get(rec.fieldCount())) + "\""
                    : "first extra field at position " + (header.size() + 1);
            return rejected(rec, "*", "the row has " + rec.fieldCount() + " fields but the header has "
                    + header.size() + " (" + detail + ")", header.size() + " fields", rec.fieldCount() + " fields");
        }
        List<String> fields = rec.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (hasControlCharacter(fields.get(i))) {
                return rejected(rec, columnName(i), "contains a control character or invalid UTF-8 byte",
                        "no control characters (U+0000-U+001F, U+007F), valid UTF-8", fields.get(i));
            }
        }
        Row row = new Row(source, index, fields);
        try {
            T value = parser.parse(row);
            return new ParsedRow.Accepted<>(value, row.warnings);
        } catch (RowDefect d) {
            return rejected(rec, d.column, d.rule, d.expected, d.actual);
        }
    }

    /** Reads and discards up to {@code rows} data records without validating them (restart after a crash). */
    public void skip(long rows) {
        for (long i = 0; i < rows; i++) {
            if (read() == null) {
                return;
            }
            rowsRead++;
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CsvRecordReader.CsvRecord read() {
        try {
            // keep one field past the header's width so an extra field is visible but a huge row is not stored
            return csv.next(header.size() + 1);
        } catch (IOException e) {
            throw new FeedFileException(path + ": read error near line " + csv.nextLine() + " (" + e.getMessage()
                    + "); the file must be readable to the end", e);
        }
    }

    private void closeQuietly() {
        try {
            csv.close();
        } catch (IOException ignored) {
            // already failing with a clearer message
        }
    }

    private String columnName(int i) {
        return i < header.size() ? printable(header.get(i)) : "*";
    }

    private ParsedRow<T> rejected(CsvRecordReader.CsvRecord rec, String column, String rule, String expected,
            String actual) {
        String file = parser.fileName();
        long line = rec.line();
        List<String> f = rec.fields();
        return new ParsedRow.Rejected<>(new BillingException(
                ExceptionIds.ofRow(businessDate, ExceptionCode.MALFORMED_ROW, file, line),
                businessDate, ExceptionCode.MALFORMED_ROW,
                field(f, subscriptionIdIndex), field(f, customerIdIndex), file, line, field(f, eventIdIndex),
                "column \"" + column + "\": " + rule, expected, printable(actual)));
    }

    private static String field(List<String> fields, int i) {
        return i >= 0 && i < fields.size() ? printable(fields.get(i)) : "";
    }

    static boolean hasControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** At most {@value #ACTUAL_MAX} characters (code points) of a value, control characters shown as '?'. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), ACTUAL_MAX + 1));
        int n = 0;
        for (int i = 0; i < s.length() && n < ACTUAL_MAX; n++) {
            int cp = s.codePointAt(i);
            b.appendCodePoint(cp < 0x20 || cp == 0x7f ? '?' : cp);
            i += Character.charCount(cp);
        }
        return b.toString();
    }
}
