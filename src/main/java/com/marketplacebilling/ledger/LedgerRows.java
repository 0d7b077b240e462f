package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingFrequency;
import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.CommerceStatus;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
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

    static final String LINE_COLUMNS = "invoice_number, line_id, customer_id, customer_name, customer_country,"
            + " reseller_mpn_id, order_id, order_date, publisher_id, publisher_name, offer_id, plan_id,"
            + " subscription_id, subscription_description, charge_type, charge_start_date, charge_end_date,"
            + " unit_price, effective_unit_price, quantity, subtotal, currency, term, billing_frequency,"
            + " subscription_start_date, subscription_end_date, reference_id";

    static final int LINE_COLUMN_COUNT = 27;

    static InvoiceLine line(ResultSet rs) throws SQLException {
        return new InvoiceLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), date(rs, 8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14), ChargeType.parse(rs.getString(15)),
                date(rs, 16), date(rs, 17), rs.getBigDecimal(18), rs.getBigDecimal(19), rs.getInt(20),
                rs.getBigDecimal(21), rs.getString(22), Term.valueOf(rs.getString(23)),
                BillingFrequency.parse(rs.getString(24)), date(rs, 25), date(rs, 26), rs.getString(27));
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
        return rs.getObject(col, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
