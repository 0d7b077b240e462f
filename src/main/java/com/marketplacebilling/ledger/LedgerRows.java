package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingFrequency;
import com.marketplacebilling.billing.CommerceStatus;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.IsoText;
import com.marketplacebilling.billing.LineColumn;
import com.marketplacebilling.billing.OperationStatus;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.billing.Term;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The ledger's rows as the billing core's values. */
final class LedgerRows {
    private LedgerRows() {}

    // Rows are read by column position (a name lookup per value cost a twentieth of the bill step); each list
    // below is the one place that orders its columns.
    static final String VERSION_COLUMNS = "subscription_id, order_id, customer_id, customer_name,"
            + " customer_country, reseller_mpn_id, publisher_id, publisher_name, offer_id, plan_id, friendly_name,"
            + " quantity, unit_price, currency, term, billing_frequency, auto_renew, status, ordered_at, updated_at,"
            + " cancelled_at, business_date, source_line";

    static CommerceVersion version(ResultSet rs) throws SQLException {
        return new CommerceVersion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getInt(12), rs.getBigDecimal(13), rs.getString(14),
                Term.valueOf(rs.getString(15)), BillingFrequency.valueOf(rs.getString(16)), rs.getBoolean(17),
                CommerceStatus.valueOf(rs.getString(18)), instant(rs, 19), instant(rs, 20), instant(rs, 21),
                new SourceRef(date(rs, 22), SourceRef.COMMERCE_FILE, rs.getLong(23)));
    }

    static final String EVENT_COLUMNS = "event_id, subscription_id, publisher_id, action, occurred_at,"
            + " plan_id, quantity, status, business_date, source_line";

    static FulfillmentEvent event(ResultSet rs) throws SQLException {
        return new FulfillmentEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                FulfillmentAction.valueOf(rs.getString(4)), instant(rs, 5), rs.getString(6),
                (Integer) rs.getObject(7), OperationStatus.valueOf(rs.getString(8)),
                new SourceRef(date(rs, 9), SourceRef.FULFILLMENT_FILE, rs.getLong(10)));
    }

    private static final LineColumn[] LINE = LineColumn.values();

    /** The line's own columns ({@link LineColumn}, in its order): the SELECT list {@link #line} reads. */
    static final String LINE_COLUMNS = LineColumn.ledgerNames();

    static final int LINE_COLUMN_COUNT = LineColumn.COUNT;

    /**
     * {@link ExceptionCode#REJECTING} as an SQL list, {@code ('MALFORMED_ROW', ...)}: a feed row that raised one of
     * them was not stored (the rejected-row counts of bin/billing status, the console and the manifest).
     */
    static final String REJECTING_CODES = ExceptionCode.REJECTING.stream().map(c -> "'" + c.name() + "'")
            .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    /** A line's row as stored: its own columns, then its explanation's, billed_on last (what the COPY writes). */
    static final String EXPLAINED_LINE_COLUMNS = LINE_COLUMNS + ", " + ExplanationColumns.COLUMNS;

    static InvoiceLine line(ResultSet rs) throws SQLException {
        InvoiceLine.Builder b = InvoiceLine.builder();
        for (int i = 0; i < LINE.length; i++) {
            LineColumn c = LINE[i];
            switch (c.kind()) {
                case TEXT -> c.setText(b, rs.getString(i + 1));
                case DATE -> c.setDate(b, date(rs, i + 1));
                case INTEGER -> c.setInteger(b, rs.getInt(i + 1));
                case PRICE_AS_IS, PRICE6, AMOUNT -> c.setDecimal(b, rs.getBigDecimal(i + 1));
            }
        }
        return b.build();
    }

    /** Appends the line's own columns to a COPY row, in {@link #LINE_COLUMNS} order. */
    static void writeLine(CopyRows rows, InvoiceLine l) {
        for (LineColumn c : LINE) {
            switch (c.kind()) {
                case TEXT -> rows.text(c.text(l));
                case DATE -> rows.date(c.date(l));
                case INTEGER -> rows.number(c.integer(l));
                case PRICE_AS_IS, PRICE6, AMOUNT -> rows.decimal(c.decimal(l));
            }
        }
    }

    static BillingException exception(ResultSet rs) throws SQLException {
        return new BillingException(rs.getString("exception_id"), date(rs, "business_date"),
                ExceptionCode.valueOf(rs.getString("code")), rs.getString("subscription_id"),
                rs.getString("customer_id"), rs.getString("source_file"), rs.getLong("source_line"),
                rs.getString("event_id"), rs.getString("message"), rs.getString("expected"), rs.getString("actual"));
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }

    private static LocalDate date(ResultSet rs, int col) throws SQLException {
        // the driver sends dates as ISO text (it insists on DateStyle ISO); its own parser was a tenth of reading
        // a line for the publish step. Other forms (infinity, BC, years past 9999) go to the driver.
        String s = rs.getString(col);
        return s == null ? null : s.length() == 10 ? IsoText.parseDate(s, 0, 10) : rs.getObject(col, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
