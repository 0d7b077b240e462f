package com.marketplacebilling.reconcile;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.feed.CsvRecordReader;
import com.marketplacebilling.feed.CsvRecordReader.CsvRecord;
import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.reconcile.ReconKey.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one of Microsoft's reconciliation files with the feed reader's RFC 4180 framing. Columns are found by
 * name, case-insensitively and ignoring spaces; extra columns are ignored. Every data row ends as exactly one
 * {@link Outcome}: compared, set aside (unsupported charge type) or malformed.
 */
public final class MicrosoftFileReader implements AutoCloseable {

    /** One data row's fate. Exactly one of row / code is set. */
    public sealed interface Outcome permits Compared, SetAside {}

    public record Compared(MicrosoftRow row) implements Outcome {}

    /** A row not compared: RECON_UNSUPPORTED_CHARGE_TYPE or RECON_MALFORMED_ROW, with what could be read. */
    public record SetAside(String file, long line, ReconCode code, String subscriptionId, String chargeType,
                           String message) implements Outcome {}

    static final List<String> REQUIRED = List.of("subscriptionid", "chargetype", "chargestartdate", "chargeenddate",
            "subtotal", "currency");
    private static final int MAX_COLUMNS = 512;
    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})(?: 0:00:00| 12:00:00 AM)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern QUANTITY = Pattern.compile("\\d{1,9}(?:\\.0*)?");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(?:\\.\\d{1,9})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final String file;
    private final CsvRecordReader csv;
    private final Map<String, Integer> columns = new HashMap<>();
    private final int headerCount;

    /** Reads the header; throws {@link FeedFileException} naming the file and the first missing column. */
    public MicrosoftFileReader(String file, InputStream bytes) throws IOException {
        this.file = file;
        this.csv = new CsvRecordReader(bytes);
        CsvRecord header = csv.next(MAX_COLUMNS);
        if (header == null) throw new FeedFileException(file + ": empty file, no header line");
        for (int i = 0; i < header.fields().size(); i++) {
            columns.putIfAbsent(normalise(header.fields().get(i)), i);
        }
        headerCount = header.fieldCount();
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new FeedFileException(file + ": line 1: required column " + displayName(required) + " is missing");
            }
        }
        if (!columns.containsKey("quantity") && !columns.containsKey("billablequantity")) {
            throw new FeedFileException(file + ": line 1: required column Quantity (or BillableQuantity) is missing");
        }
    }

    static String normalise(String header) {
        return header.replace(" ", "").trim().toLowerCase(Locale.ROOT);
    }

    private static String displayName(String column) {
        return switch (column) {
            case "subscriptionid" -> "SubscriptionId";
            case "chargetype" -> "ChargeType";
            case "chargestartdate" -> "ChargeStartDate";
            case "chargeenddate" -> "ChargeEndDate";
            case "subtotal" -> "Subtotal";
            case "currency" -> "Currency";
            default -> column;
        };
    }

    /** The next row's outcome, or null at the end of the file. */
    public Outcome next() throws IOException {
        CsvRecord r = csv.next(headerCount);
        if (r == null) return null;
        String sub = value(r, "subscriptionid");
        String type = value(r, "chargetype");
        if (r.framing() != null) return malformed(r, sub, type, "CSV framing: " + r.framing());
        if (r.fieldCount() != headerCount) {
            return malformed(r, sub, type, "has " + r.fieldCount() + " fields, the header has " + headerCount);
        }
        for (Map.Entry<String, Integer> c : columns.entrySet()) {
            if (!isUsed(c.getKey())) continue;
            String v = r.fields().get(c.getValue());
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) < 0x20 || v.charAt(i) == 0x7f) {
                    return malformed(r, sub, type, "column " + c.getKey() + " holds a control character or invalid UTF-8");
                }
            }
        }
        if (sub == null || sub.isBlank()) return malformed(r, sub, type, "SubscriptionId is empty");
        ChargeType chargeType = chargeType(type);
        if (chargeType == null) {
            if (type == null || type.isBlank()) return malformed(r, sub, type, "ChargeType is empty");
            return new SetAside(file, r.line(), ReconCode.RECON_UNSUPPORTED_CHARGE_TYPE, sub, type,
                    "ChargeType " + type + " is not a charge we bill; the row is set aside, not compared.");
        }
        LocalDate start = date(value(r, "chargestartdate"));
        if (start == null) return malformed(r, sub, type, "ChargeStartDate is not a date: " + value(r, "chargestartdate"));
        LocalDate end = date(value(r, "chargeenddate"));
        if (end == null) return malformed(r, sub, type, "ChargeEndDate is not a date: " + value(r, "chargeenddate"));
        String q = value(r, "billablequantity");
        if (q == null || q.isEmpty()) q = value(r, "quantity");
        if (q == null || !QUANTITY.matcher(q).matches()) return malformed(r, sub, type, "Quantity is not a whole number: " + q);
        int quantity = new BigDecimal(q).intValueExact();
        String subtotalText = value(r, "subtotal");
        if (subtotalText == null || !DECIMAL.matcher(subtotalText).matches()) {
            return malformed(r, sub, type, "Subtotal is not a decimal: " + subtotalText);
        }
        BigDecimal subtotal = new BigDecimal(subtotalText);
        String currency = value(r, "currency");
        if (currency == null || !CURRENCY.matcher(currency).matches()) return malformed(r, sub, type, "Currency is not ISO 4217: " + currency);
        String eupText = value(r, "effectiveunitprice");
        BigDecimal eup = null;
        if (eupText != null && !eupText.isEmpty()) {
            if (!DECIMAL.matcher(eupText).matches()) return malformed(r, sub, type, "EffectiveUnitPrice is not a decimal: " + eupText);
            eup = new BigDecimal(eupText).abs();
        }
        Direction direction = subtotal.signum() < 0 ? Direction.CREDIT : Direction.CHARGE;
        ReconKey key = new ReconKey(sub, chargeType, start, end, direction, quantity);
        return new Compared(new MicrosoftRow(file, r.line(), key, value(r, "customerid"), subtotal, currency, eup,
                blankToNull(value(r, "pricingcurrency")), blankToNull(value(r, "pctobcexchangerate")),
                value(r, "invoicenumber"), value(r, "referenceid")));
    }

    private static boolean isUsed(String column) {
        return REQUIRED.contains(column) || column.equals("quantity") || column.equals("billablequantity")
                || column.equals("effectiveunitprice") || column.equals("pricingcurrency")
                || column.equals("pctobcexchangerate") || column.equals("customerid") || column.equals("invoicenumber")
                || column.equals("referenceid");
    }

    private SetAside malformed(CsvRecord r, String sub, String type, String why) {
        return new SetAside(file, r.line(), ReconCode.RECON_MALFORMED_ROW, sub, type,
                file + ": line " + r.line() + ": " + why + "; the row is not compared.");
    }

    private String value(CsvRecord r, String column) {
        Integer i = columns.get(column);
        if (i == null || i >= r.fields().size()) return null;
        return r.fields().get(i);
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

    /** Every spelling Partner Center has used, in our invoice lines' vocabulary; null when unsupported. */
    static ChargeType chargeType(String s) {
        if (s == null) return null;
        return switch (s.replace(" ", "").toLowerCase(Locale.ROOT)) {
            case "new" -> ChargeType.NEW;
            case "renew" -> ChargeType.RENEW;
            case "cyclecharge", "cyclefee" -> ChargeType.CYCLE_CHARGE;
            case "addquantity" -> ChargeType.ADD_QUANTITY;
            case "removequantity" -> ChargeType.REMOVE_QUANTITY;
            case "convert" -> ChargeType.CONVERT;
            case "cancelimmediate", "cancel" -> ChargeType.CANCEL_IMMEDIATE;
            default -> null;
        };
    }

    static LocalDate date(String s) {
        if (s == null) return null;
        try {
            if (ISO_DATE.matcher(s).matches()) return LocalDate.parse(s);
            Matcher m = US_DATE.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    @Override
    public void close() throws IOException { csv.close(); }
}
