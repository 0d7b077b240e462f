package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.SourceRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** What {@code bin/billing explain} reads: a line with its explanation, or a subscription's whole record. */
public class ExplanationStore {
    private static final String EXPLAINED_COLUMNS = LedgerRows.EXPLAINED_LINE_COLUMNS;
    /** Position of billed_on, the last of {@link ExplanationColumns#COLUMNS}. */
    private static final int BILLED_ON = LedgerRows.LINE_COLUMN_COUNT + 2;
    /** Far enough in the future to mean "no date limit". */
    private static final LocalDate ALWAYS = LocalDate.of(9999, 12, 31);

    private final JdbcTemplate jdbc;

    public ExplanationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The line with that LineId, if it was ever billed. */
    public Optional<ExplainedLine> line(String lineId) {
        List<ExplainedLine> found = jdbc.query("SELECT " + EXPLAINED_COLUMNS + " FROM invoice_line WHERE line_id = ?",
                (rs, i) -> explained(rs), lineId);
        return found.stream().findFirst()
                .map(x -> withEventTimes(x, eventTimes(events(x.line().subscriptionId(), ALWAYS))));
    }

    /**
     * Everything stored about one subscription as known at the end of {@code upTo} (null: everything): the facts
     * received in feeds up to that date in arrival order, the lines billed and the exceptions raised by runs up to
     * it. Empty when no feed ever named the subscription.
     */
    public Optional<SubscriptionRecord> subscription(String subscriptionId, LocalDate upTo) {
        LocalDate until = upTo == null ? ALWAYS : upTo;
        Integer known = jdbc.queryForObject("SELECT count(*) FROM subscription WHERE subscription_id = ?",
                Integer.class, subscriptionId);
        if (known == null || known == 0) return Optional.empty();
        List<CommerceVersion> versions = jdbc.query("SELECT " + LedgerRows.VERSION_COLUMNS + " FROM commerce_version"
                        + " WHERE subscription_id = ? AND business_date <= ? ORDER BY business_date, source_line",
                (rs, i) -> LedgerRows.version(rs), subscriptionId, until);
        List<FulfillmentEvent> events = events(subscriptionId, until);
        // a line billed up to upTo stands on events received up to then: the ones just read
        List<ExplainedLine> lines = lines(subscriptionId, until, eventTimes(events));
        List<BillingException> exceptions = jdbc.query("SELECT * FROM billing_exception"
                        + " WHERE subscription_id = ? AND business_date <= ?"
                        + " ORDER BY business_date, source_file COLLATE \"C\", source_line, exception_id",
                (rs, i) -> LedgerRows.exception(rs), subscriptionId, until);
        return Optional.of(new SubscriptionRecord(subscriptionId, upTo, versions, events, lines, exceptions));
    }

    /** A subscription's lines billed by runs up to {@code upTo} (null: all), with their explanations, in billing order. */
    public List<ExplainedLine> lines(String subscriptionId, LocalDate upTo) {
        LocalDate until = upTo == null ? ALWAYS : upTo;
        return lines(subscriptionId, until, eventTimes(events(subscriptionId, until)));
    }

    private List<ExplainedLine> lines(String subscriptionId, LocalDate until, Map<SourceRef, Instant> eventTimes) {
        return jdbc.query("SELECT " + EXPLAINED_COLUMNS + " FROM invoice_line"
                        + " WHERE subscription_id = ? AND billed_on <= ?"
                        + " ORDER BY billed_on, order_date, charge_start_date, line_id",
                (rs, i) -> explained(rs), subscriptionId, until)
                .stream().map(x -> withEventTimes(x, eventTimes)).toList();
    }

    /** The subscription's fulfillment events received up to {@code until}, in arrival order. */
    private List<FulfillmentEvent> events(String subscriptionId, LocalDate until) {
        return jdbc.query("SELECT " + LedgerRows.EVENT_COLUMNS + " FROM fulfillment_event"
                        + " WHERE subscription_id = ? AND business_date <= ? ORDER BY business_date, source_line",
                (rs, i) -> LedgerRows.event(rs), subscriptionId, until);
    }

    /** When each event occurred, by where it was received (how a stored explanation names it, D52). */
    private static Map<SourceRef, Instant> eventTimes(List<FulfillmentEvent> events) {
        Map<SourceRef, Instant> times = new HashMap<>();
        for (FulfillmentEvent e : events) times.put(e.source(), e.occurredAt());
        return times;
    }

    /**
     * The line with its explanation's events complete: the ledger stores them by id and source (D52), and their
     * occurred_at is read from the events' own rows.
     */
    private static ExplainedLine withEventTimes(ExplainedLine x, Map<SourceRef, Instant> times) {
        LineExplanation e = x.explanation();
        if (e == null || e.events().stream().allMatch(f -> f.occurredAt() != null)) return x;
        List<LineExplanation.EventFact> events = e.events().stream()
                .map(f -> f.occurredAt() != null ? f : new LineExplanation.EventFact(f.eventId(), f.action(),
                        times.get(f.source()), f.source()))
                .toList();
        return new ExplainedLine(x.line(), x.billedOn(), e.withEvents(events));
    }

    private static ExplainedLine explained(ResultSet rs) throws SQLException {
        InvoiceLine l = LedgerRows.line(rs);
        return new ExplainedLine(l, rs.getObject(BILLED_ON, LocalDate.class),
                ExplanationColumns.read(rs, LedgerRows.LINE_COLUMN_COUNT + 1, l));
    }

    /** One subscription's stored record; {@code upTo} null when not limited to a date. */
    public record SubscriptionRecord(String subscriptionId, LocalDate upTo, List<CommerceVersion> versions,
                                     List<FulfillmentEvent> events, List<ExplainedLine> lines,
                                     List<BillingException> exceptions) {}
}
