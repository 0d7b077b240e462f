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
import com.marketplacebilling.billing.SubscriptionHistory;
import com.marketplacebilling.billing.Term;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The billing ledger in PostgreSQL: facts received, lines billed, exceptions raised. Every write is
 * idempotent (keyed inserts that ignore a row already there), so a chunk replayed after a crash changes
 * nothing.
 */
public class Ledger {
    private final JdbcTemplate jdbc;

    public Ledger(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    public JdbcTemplate jdbc() { return jdbc; }

    // ---- facts ---------------------------------------------------------------------------------------

    public void storeVersions(List<CommerceVersion> versions) {
        if (versions.isEmpty()) return;
        registerSubscriptions(versions.stream().map(CommerceVersion::subscriptionId).toList(),
                versions.get(0).source().businessDate());
        jdbc.batchUpdate("""
                INSERT INTO commerce_version (subscription_id, content_key, business_date, source_line, order_id,
                  customer_id, customer_name, customer_country, reseller_mpn_id, publisher_id, publisher_name,
                  offer_id, plan_id, friendly_name, quantity, unit_price, currency, term, billing_frequency,
                  auto_renew, status, ordered_at, updated_at, cancelled_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""",
                versions, 1000, (ps, v) -> {
                    int i = 1;
                    ps.setString(i++, v.subscriptionId());
                    ps.setString(i++, v.contentKey());
                    ps.setObject(i++, v.source().businessDate());
                    ps.setLong(i++, v.source().line());
                    ps.setString(i++, v.orderId());
                    ps.setString(i++, v.customerId());
                    ps.setString(i++, v.customerName());
                    ps.setString(i++, v.customerCountry());
                    ps.setString(i++, v.resellerMpnId());
                    ps.setString(i++, v.publisherId());
                    ps.setString(i++, v.publisherName());
                    ps.setString(i++, v.offerId());
                    ps.setString(i++, v.planId());
                    ps.setString(i++, v.friendlyName());
                    ps.setInt(i++, v.quantity());
                    ps.setBigDecimal(i++, v.unitPrice());
                    ps.setString(i++, v.currency());
                    ps.setString(i++, v.term().name());
                    ps.setString(i++, v.billingFrequency().name());
                    ps.setBoolean(i++, v.autoRenew());
                    ps.setString(i++, v.status().name());
                    ps.setObject(i++, utc(v.orderedAt()));
                    ps.setObject(i++, utc(v.updatedAt()));
                    ps.setObject(i, v.cancelledAt() == null ? null : utc(v.cancelledAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                });
    }

    public void storeEvents(List<FulfillmentEvent> events) {
        if (events.isEmpty()) return;
        registerSubscriptions(events.stream().map(FulfillmentEvent::subscriptionId).toList(),
                events.get(0).source().businessDate());
        jdbc.batchUpdate("""
                INSERT INTO fulfillment_event (business_date, source_line, event_id, subscription_id, publisher_id,
                  action, occurred_at, plan_id, quantity, status)
                VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""", events, 1000, (ps, e) -> {
            ps.setObject(1, e.source().businessDate());
            ps.setLong(2, e.source().line());
            ps.setString(3, e.eventId());
            ps.setString(4, e.subscriptionId());
            ps.setString(5, e.publisherId());
            ps.setString(6, e.action().name());
            ps.setObject(7, utc(e.occurredAt()));
            ps.setString(8, e.planId());
            ps.setObject(9, e.quantity(), Types.INTEGER);
            ps.setString(10, e.status().name());
        });
    }

    private void registerSubscriptions(List<String> ids, LocalDate seen) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        jdbc.batchUpdate("INSERT INTO subscription (subscription_id, first_seen) VALUES (?, ?) ON CONFLICT DO NOTHING",
                distinct, 1000, (ps, id) -> {
                    ps.setString(1, id);
                    ps.setObject(2, seen);
                });
    }

    // ---- outcomes ------------------------------------------------------------------------------------

    public void storeLines(List<InvoiceLine> lines, LocalDate billedOn) {
        if (lines.isEmpty()) return;
        jdbc.batchUpdate("""
                INSERT INTO invoice_line (line_id, billed_on, invoice_number, customer_id, customer_name,
                  customer_country, reseller_mpn_id, order_id, order_date, publisher_id, publisher_name, offer_id,
                  plan_id, subscription_id, subscription_description, charge_type, charge_start_date,
                  charge_end_date, unit_price, effective_unit_price, quantity, subtotal, currency, term,
                  billing_frequency, subscription_start_date, subscription_end_date, reference_id)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""",
                lines, 1000, (ps, l) -> {
                    int i = 1;
                    ps.setString(i++, l.lineId());
                    ps.setObject(i++, billedOn);
                    ps.setString(i++, l.invoiceNumber());
                    ps.setString(i++, l.customerId());
                    ps.setString(i++, l.customerName());
                    ps.setString(i++, l.customerCountry());
                    ps.setString(i++, l.resellerMpnId());
                    ps.setString(i++, l.orderId());
                    ps.setObject(i++, l.orderDate());
                    ps.setString(i++, l.publisherId());
                    ps.setString(i++, l.publisherName());
                    ps.setString(i++, l.offerId());
                    ps.setString(i++, l.planId());
                    ps.setString(i++, l.subscriptionId());
                    ps.setString(i++, l.subscriptionDescription());
                    ps.setString(i++, l.chargeType().feedName());
                    ps.setObject(i++, l.chargeStartDate());
                    ps.setObject(i++, l.chargeEndDate());
                    ps.setBigDecimal(i++, l.unitPrice());
                    ps.setBigDecimal(i++, l.effectiveUnitPrice());
                    ps.setInt(i++, l.quantity());
                    ps.setBigDecimal(i++, l.subtotal());
                    ps.setString(i++, l.currency());
                    ps.setString(i++, l.term().name());
                    ps.setString(i++, l.billingFrequency().feedName());
                    ps.setObject(i++, l.subscriptionStartDate());
                    ps.setObject(i++, l.subscriptionEndDate());
                    ps.setString(i, l.referenceId());
                });
    }

    public void storeExceptions(List<BillingException> exceptions) {
        if (exceptions.isEmpty()) return;
        jdbc.batchUpdate("""
                INSERT INTO billing_exception (exception_id, business_date, severity, code, subscription_id,
                  customer_id, source_file, source_line, event_id, message, expected, actual)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING""", exceptions, 1000, (ps, e) -> {
            ps.setString(1, e.exceptionId());
            ps.setObject(2, e.businessDate());
            ps.setString(3, e.severity().name());
            ps.setString(4, e.code().name());
            ps.setString(5, e.subscriptionId());
            ps.setString(6, e.customerId());
            ps.setString(7, e.sourceFile());
            ps.setLong(8, e.sourceLine());
            ps.setString(9, e.eventId());
            ps.setString(10, e.message());
            ps.setString(11, e.expected());
            ps.setString(12, e.actual());
        });
    }

    // ---- histories for the billing core ----------------------------------------------------------------

    /** Up to {@code limit} subscription ids after {@code afterId} (exclusive; null for the first page), in binary order. */
    public List<String> subscriptionIdsAfter(String afterId, int limit) {
        return afterId == null
                ? jdbc.queryForList("SELECT subscription_id FROM subscription ORDER BY subscription_id LIMIT ?",
                String.class, limit)
                : jdbc.queryForList("SELECT subscription_id FROM subscription WHERE subscription_id > ?"
                + " ORDER BY subscription_id LIMIT ?", String.class, afterId, limit);
    }

    /**
     * The histories of the given subscriptions as known at the end of {@code asOf}, with the lines billed and
     * exceptions raised by runs before {@code excludeFrom} (null: all of them), in the order of {@code ids}.
     */
    public List<SubscriptionHistory> histories(List<String> ids, LocalDate asOf, LocalDate excludeFrom) {
        Map<String, List<CommerceVersion>> versions = new HashMap<>();
        Map<String, List<FulfillmentEvent>> events = new HashMap<>();
        Map<String, List<InvoiceLine>> lines = new HashMap<>();
        Map<String, Set<String>> raised = new HashMap<>();
        LocalDate cut = excludeFrom == null ? LocalDate.of(9999, 12, 31) : excludeFrom;
        withIds(ids, array -> {
            jdbc.query("SELECT * FROM commerce_version WHERE subscription_id = ANY(?) AND business_date <= ?",
                    (RowCallbackHandler) rs -> versions.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(version(rs)), array, asOf);
            jdbc.query("SELECT * FROM fulfillment_event WHERE subscription_id = ANY(?) AND business_date <= ?",
                    (RowCallbackHandler) rs -> events.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(event(rs)), array, asOf);
            jdbc.query("SELECT * FROM invoice_line WHERE subscription_id = ANY(?) AND billed_on < ?",
                    (RowCallbackHandler) rs -> lines.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(line(rs)), array, cut);
            jdbc.query("SELECT subscription_id, exception_id FROM billing_exception"
                            + " WHERE subscription_id = ANY(?) AND business_date < ?",
                    (RowCallbackHandler) rs -> raised.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getString(2)), array, cut);
        });
        List<SubscriptionHistory> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(new SubscriptionHistory(id, versions.getOrDefault(id, List.of()),
                    events.getOrDefault(id, List.of()), lines.getOrDefault(id, List.of()),
                    raised.getOrDefault(id, Set.of())));
        }
        return out;
    }

    private void withIds(List<String> ids, Consumer<Array> body) {
        jdbc.execute((java.sql.Connection c) -> {
            Array array = c.createArrayOf("text", ids.toArray());
            try {
                body.accept(array);
            } finally {
                array.free();
            }
            return null;
        });
    }

    // ---- outputs ---------------------------------------------------------------------------------------

    /** Lines billed by the run of a date, in the contract's order (binary text order). */
    public void linesBilledOn(LocalDate d, Consumer<InvoiceLine> sink) {
        jdbc.query("""
                SELECT * FROM invoice_line WHERE billed_on = ?
                ORDER BY invoice_number, subscription_id, order_date, charge_start_date, line_id""",
                (RowCallbackHandler) rs -> sink.accept(line(rs)), d);
    }

    /** Lines billed by the run of a date for the given subscriptions (to compare a recomputation). */
    public List<InvoiceLine> linesBilledOn(LocalDate d, List<String> ids) {
        List<InvoiceLine> out = new ArrayList<>();
        withIds(ids, array -> jdbc.query("SELECT * FROM invoice_line WHERE billed_on = ? AND subscription_id = ANY(?)",
                (RowCallbackHandler) rs -> out.add(line(rs)), d, array));
        return out;
    }

    /** Every line invoiced in a month (by its InvoiceNumber's month), in the contract's order. */
    public void linesOfInvoiceMonth(java.time.YearMonth month, Consumer<InvoiceLine> sink) {
        String prefix = "INV-" + month.getYear() + String.format(java.util.Locale.ROOT, "%02d", month.getMonthValue()) + "-";
        jdbc.query("""
                SELECT * FROM invoice_line WHERE invoice_number LIKE ? || '%'
                ORDER BY invoice_number, subscription_id, order_date, charge_start_date, line_id""",
                (RowCallbackHandler) rs -> sink.accept(line(rs)), prefix);
    }

    /** Exceptions raised by the run of a date, in the contract's order. */
    public void exceptionsRaisedOn(LocalDate d, Consumer<BillingException> sink) {
        jdbc.query("""
                SELECT * FROM billing_exception WHERE business_date = ?
                ORDER BY CASE severity WHEN 'ERROR' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END,
                  code COLLATE "C", subscription_id, source_file COLLATE "C", source_line, exception_id""",
                (RowCallbackHandler) rs -> sink.accept(exception(rs)), d);
    }

    /** Distinct rows of a date's file that raised a rejecting code (feeds.md, Output 3). */
    public long rejectedRows(LocalDate d, String file) {
        List<String> codes = ExceptionCode.REJECTING.stream().map(Enum::name).toList();
        return jdbc.queryForObject("""
                SELECT count(DISTINCT source_line) FROM billing_exception
                WHERE business_date = ? AND source_file = ? AND code = ANY(?)""", Long.class, d, file,
                codes.toArray(String[]::new));
    }

    public long exceptionCount(LocalDate d, String file, ExceptionCode code) {
        return jdbc.queryForObject("SELECT count(*) FROM billing_exception WHERE business_date = ?"
                + " AND source_file = ? AND code = ?", Long.class, d, file, code.name());
    }

    // ---- row mapping -----------------------------------------------------------------------------------

    private static CommerceVersion version(ResultSet rs) throws SQLException {
        return new CommerceVersion(rs.getString("subscription_id"), rs.getString("order_id"),
                rs.getString("customer_id"), rs.getString("customer_name"), rs.getString("customer_country"),
                rs.getString("reseller_mpn_id"), rs.getString("publisher_id"), rs.getString("publisher_name"),
                rs.getString("offer_id"), rs.getString("plan_id"), rs.getString("friendly_name"),
                rs.getInt("quantity"), rs.getBigDecimal("unit_price"), rs.getString("currency"),
                Term.valueOf(rs.getString("term")), BillingFrequency.valueOf(rs.getString("billing_frequency")),
                rs.getBoolean("auto_renew"), CommerceStatus.valueOf(rs.getString("status")),
                instant(rs, "ordered_at"), instant(rs, "updated_at"), instant(rs, "cancelled_at"),
                new SourceRef(rs.getObject("business_date", LocalDate.class), SourceRef.COMMERCE_FILE,
                        rs.getLong("source_line")));
    }

    private static FulfillmentEvent event(ResultSet rs) throws SQLException {
        return new FulfillmentEvent(rs.getString("event_id"), rs.getString("subscription_id"),
                rs.getString("publisher_id"), FulfillmentAction.valueOf(rs.getString("action")),
                instant(rs, "occurred_at"), rs.getString("plan_id"), (Integer) rs.getObject("quantity"),
                OperationStatus.valueOf(rs.getString("status")),
                new SourceRef(rs.getObject("business_date", LocalDate.class), SourceRef.FULFILLMENT_FILE,
                        rs.getLong("source_line")));
    }

    static InvoiceLine line(ResultSet rs) throws SQLException {
        return new InvoiceLine(rs.getString("invoice_number"), rs.getString("line_id"), rs.getString("customer_id"),
                rs.getString("customer_name"), rs.getString("customer_country"), rs.getString("reseller_mpn_id"),
                rs.getString("order_id"), date(rs, "order_date"), rs.getString("publisher_id"),
                rs.getString("publisher_name"), rs.getString("offer_id"), rs.getString("plan_id"),
                rs.getString("subscription_id"), rs.getString("subscription_description"),
                ChargeType.parse(rs.getString("charge_type")), date(rs, "charge_start_date"),
                date(rs, "charge_end_date"), rs.getBigDecimal("unit_price"), rs.getBigDecimal("effective_unit_price"),
                rs.getInt("quantity"), rs.getBigDecimal("subtotal"), rs.getString("currency"),
                Term.valueOf(rs.getString("term")), BillingFrequency.parse(rs.getString("billing_frequency")),
                date(rs, "subscription_start_date"), date(rs, "subscription_end_date"), rs.getString("reference_id"));
    }

    private static BillingException exception(ResultSet rs) throws SQLException {
        return new BillingException(rs.getString("exception_id"), date(rs, "business_date"),
                ExceptionCode.valueOf(rs.getString("code")), rs.getString("subscription_id"),
                rs.getString("customer_id"), rs.getString("source_file"), rs.getLong("source_line"),
                rs.getString("event_id"), rs.getString("message"), rs.getString("expected"), rs.getString("actual"));
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        return rs.getObject(col, LocalDate.class);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) { return i.atOffset(java.time.ZoneOffset.UTC); }


}
