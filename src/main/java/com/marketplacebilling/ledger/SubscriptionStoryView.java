package com.marketplacebilling.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Read-only: everything the ledger knows about one subscription, for the console's "story" page. */
public class SubscriptionStoryView {
    /** The commerce fields that may change between versions, in the feed's order. */
    public static final List<String> COMMERCE_FIELDS = List.of("order_id", "customer_id", "customer_name",
            "customer_country", "reseller_mpn_id", "publisher_id", "publisher_name", "offer_id", "plan_id",
            "friendly_name", "quantity", "unit_price", "currency", "term", "billing_frequency", "auto_renew", "status",
            "ordered_at", "updated_at", "cancelled_at");

    public record Match(String subscriptionId, String customerId, String customerName, String orderId, String friendlyName) {}

    /** A commerce version: where it came from and all its fields by feed column name. */
    public record CommerceRow(LocalDate businessDate, long sourceLine, Instant updatedAt, Map<String, String> fields) {}

    public record EventRow(LocalDate businessDate, long sourceLine, String eventId, String action, Instant occurredAt,
                           String planId, Integer quantity, String status) {}

    public record LineRow(String lineId, LocalDate billedOn, String invoiceNumber, String chargeType, LocalDate chargeStart,
                          LocalDate chargeEnd, BigDecimal unitPrice, BigDecimal effectiveUnitPrice, int quantity,
                          BigDecimal subtotal, String currency, String term, String billingFrequency,
                          LocalDate subscriptionStart, LocalDate subscriptionEnd, String referenceId) {}

    public record ExceptionRow(LocalDate businessDate, String severity, String code, String sourceFile, long sourceLine,
                               String eventId, String message, String expected, String actual) {}

    private final JdbcTemplate jdbc;

    public SubscriptionStoryView(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    /** Subscriptions whose id, customer id or order id is exactly {@code q} (indexed look-ups only). */
    public List<Match> search(String q, int limit) {
        return jdbc.query("""
                SELECT DISTINCT ON (c.subscription_id) c.subscription_id, c.customer_id, c.customer_name, c.order_id,
                  c.friendly_name
                FROM commerce_version c
                WHERE c.subscription_id = ? OR c.customer_id = ? OR c.order_id = ?
                ORDER BY c.subscription_id, c.updated_at DESC, c.business_date DESC
                LIMIT ?""", (rs, i) -> new Match(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5)), q, q, q, limit);
    }

    public boolean exists(String subscriptionId) {
        return jdbc.queryForObject("SELECT count(*) FROM subscription WHERE subscription_id = ?", Long.class,
                subscriptionId) > 0;
    }

    public List<CommerceRow> commerce(String subscriptionId) {
        return jdbc.query("SELECT * FROM commerce_version WHERE subscription_id = ?"
                + " ORDER BY updated_at, business_date, source_line", (rs, i) -> {
            Map<String, String> f = new LinkedHashMap<>();
            for (String c : COMMERCE_FIELDS) f.put(c, text(rs, c));
            return new CommerceRow(rs.getObject("business_date", LocalDate.class), rs.getLong("source_line"),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant(), f);
        }, subscriptionId);
    }

    public List<EventRow> events(String subscriptionId) {
        return jdbc.query("SELECT * FROM fulfillment_event WHERE subscription_id = ?"
                + " ORDER BY occurred_at, business_date, source_line", (rs, i) -> new EventRow(
                rs.getObject("business_date", LocalDate.class), rs.getLong("source_line"), rs.getString("event_id"),
                rs.getString("action"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("plan_id"), (Integer) rs.getObject("quantity"), rs.getString("status")), subscriptionId);
    }

    public List<LineRow> lines(String subscriptionId) {
        return jdbc.query("SELECT * FROM invoice_line WHERE subscription_id = ?"
                + " ORDER BY billed_on, charge_start_date, line_id", (rs, i) -> new LineRow(rs.getString("line_id"),
                rs.getObject("billed_on", LocalDate.class), rs.getString("invoice_number"), rs.getString("charge_type"),
                rs.getObject("charge_start_date", LocalDate.class), rs.getObject("charge_end_date", LocalDate.class),
                rs.getBigDecimal("unit_price"), rs.getBigDecimal("effective_unit_price"), rs.getInt("quantity"),
                rs.getBigDecimal("subtotal"), rs.getString("currency"), rs.getString("term"),
                rs.getString("billing_frequency"), rs.getObject("subscription_start_date", LocalDate.class),
                rs.getObject("subscription_end_date", LocalDate.class), rs.getString("reference_id")), subscriptionId);
    }

    public List<ExceptionRow> exceptions(String subscriptionId) {
        return jdbc.query("SELECT * FROM billing_exception WHERE subscription_id = ?"
                + " ORDER BY business_date, source_file, source_line, exception_id", (rs, i) -> new ExceptionRow(
                rs.getObject("business_date", LocalDate.class), rs.getString("severity"), rs.getString("code"),
                rs.getString("source_file"), rs.getLong("source_line"), rs.getString("event_id"),
                rs.getString("message"), rs.getString("expected"), rs.getString("actual")), subscriptionId);
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        Object o = rs.getObject(column);
        if (o == null) return "";
        if (o instanceof OffsetDateTime t) return t.toInstant().toString();
        if (o instanceof BigDecimal b) return b.toPlainString();
        return o.toString();
    }
}
