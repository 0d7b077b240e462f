package com.marketplacebilling.feed;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.ExceptionIds;
import com.marketplacebilling.billing.SourceRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One well-framed data record being validated: column access by name plus the column rules of feeds.md.
 * Every rule method returns the accepted value or throws {@link RowDefect}. Values are never trimmed.
 */
final class Row {
    static final String ID_RULE = "must be 1-64 characters of A-Z a-z 0-9 - _, the first a letter or digit";
    static final String ID_EXPECTED = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";
    static final int MAX_QUANTITY = 10_000_000;

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]{1,6})?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    final SourceRef source;
    final Instant endOfBusinessDate;
    private final Map<String, Integer> index;
    private final List<String> fields;
    final List<BillingException> warnings = new ArrayList<>(0);

    Row(SourceRef source, Map<String, Integer> index, List<String> fields) {
        this.source = source;
        this.endOfBusinessDate = source.businessDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        this.index = index;
        this.fields = fields;
    }

    /** The value as written, or "" when the header has no such column. */
    String get(String column) {
        Integer i = index.get(column);
        return i == null ? "" : fields.get(i);
    }

    RowDefect fail(String column, String rule, String expected, String actual) {
        return new RowDefect(column, rule, expected, actual);
    }

    /** An identifier: 1-64 chars of A-Z a-z 0-9 - _, the first a letter or digit. */
    String id(String column) {
        String v = get(column);
        if (!isId(v)) {
            throw fail(column, ID_RULE, ID_EXPECTED, v);
        }
        return v;
    }

    /** The ID pattern, checked by hand: several ids per row, millions of rows. */
    static boolean isId(String v) {
        int n = v.length();
        if (n < 1 || n > 64) return false;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
        }
        return true;
    }

    /** Text of min..max characters (code points); control characters were already rejected for the record. */
    String text(String column, int min, int max) {
        String v = get(column);
        int n = v.codePointCount(0, v.length());
        if (n < min || n > max) {
            String rule = min == 0 ? "must be at most " + max + " characters"
                    : min == max ? "must be " + min + " characters"
                    : "must be " + min + " to " + max + " characters";
            throw fail(column, rule + (n == 0 ? " (it is empty)" : " (it has " + n + ")"),
                    min + "-" + max + " characters", v);
        }
        return v;
    }

    /** A seat count: digits only, 1..10,000,000. */
    int quantity(String column) {
        String v = get(column);
        if (!DIGITS.matcher(v).matches()) {
            throw quantityDefect(column, v);
        }
        int firstNonZero = 0;
        while (firstNonZero < v.length() - 1 && v.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        String significant = v.substring(firstNonZero);
        if (significant.length() > 8) {
            throw quantityDefect(column, v);
        }
        int q = Integer.parseInt(significant);
        if (q < 1 || q > MAX_QUANTITY) {
            throw quantityDefect(column, v);
        }
        return q;
    }

    private RowDefect quantityDefect(String column, String v) {
        return fail(column, "must be an integer from 1 to 10,000,000 (digits only)", "integer 1-10000000", v);
    }

    /** A price: digits, optional '.' and 1-6 digits; the BigDecimal keeps the scale as written. */
    BigDecimal decimal(String column) {
        String v = get(column);
        if (!DECIMAL.matcher(v).matches()) {
            throw fail(column, "must be a decimal >= 0 with at most 6 decimals: digits, optionally '.' and 1 to 6"
                    + " digits (no sign, exponent or thousands separator)", "decimal >= 0, max 6 decimals", v);
        }
        return new BigDecimal(v);
    }

    /** An ISO 4217 code known to java.util.Currency, with default fraction digits >= 0. */
    String currency(String column) {
        String v = get(column);
        Currency c = null;
        if (v.length() == 3) {
            try {
                c = Currency.getInstance(v);
            } catch (IllegalArgumentException e) {
                c = null;
            }
        }
        if (c == null || !c.getCurrencyCode().equals(v) || c.getDefaultFractionDigits() < 0) {
            throw fail(column, "must be an ISO 4217 currency code with minor units, such as EUR, USD or JPY"
                    + " (not XXX, XAU or other codes without minor units)", "ISO 4217 code", v);
        }
        return v;
    }

    /** An instant with an offset (DateTimeFormatter.ISO_OFFSET_DATE_TIME), converted to UTC. */
    Instant instant(String column) {
        String v = get(column);
        Instant plain = plainUtc(v);
        if (plain != null) return plain;
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw fail(column, "must be an ISO-8601 date-time with an offset, such as 2026-11-24T10:15:00Z or"
                    + " 2026-11-24T11:15:00+01:00", "ISO_OFFSET_DATE_TIME", v);
        }
    }

    /**
     * The common form {@code uuuu-MM-ddTHH:mm:ssZ} read directly (the general parser costs a fifth of a load);
     * null for any other form, and for impossible values, which the general parser then judges.
     */
    static Instant plainUtc(String v) {
        if (v.length() != 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':' || v.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(v, 0, 4), month = digits(v, 5, 2), day = digits(v, 8, 2);
        int hour = digits(v, 11, 2), minute = digits(v, 14, 2), second = digits(v, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) return null;
        try {
            return java.time.LocalDateTime.of(year, month, day, hour, minute, second)
                    .toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String v, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Checks that an instant is before the end of the business date D, i.e. before (D+1)T00:00Z. */
    void notAfterBusinessDate(String column, Instant value) {
        if (!value.isBefore(endOfBusinessDate)) {
            LocalDate d = source.businessDate();
            throw fail(column, "must not be after the end of the business date " + d + " (must be before "
                    + endOfBusinessDate + ")", "< " + endOfBusinessDate, get(column));
        }
    }

    /** Checks that an instant is not before ordered_at. */
    void notBefore(String column, Instant value, String otherColumn, Instant other) {
        if (value.isBefore(other)) {
            throw fail(column, "must not be before " + otherColumn + " (" + other + ")", ">= " + other,
                    get(column));
        }
    }

    /** One of a closed set of words, parsed by the domain enum's own parse method. */
    <E> E choice(String column, Function<String, E> parse, String rule, String expected) {
        String v = get(column);
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            throw fail(column, rule, expected, v);
        }
    }

    /** Records a warning (the row is still accepted) about a column of this row. */
    void warn(ExceptionCode code, String column, String rule, String expected, String subscriptionId,
            String customerId, String eventId) {
        String v = get(column);
        warnings.add(new BillingException(
                ExceptionIds.ofRow(source, code),
                source.businessDate(), code, subscriptionId, customerId, source.file(), source.line(), eventId,
                "column \"" + column + "\": " + rule, expected, FeedReader.printable(v)));
    }
}
