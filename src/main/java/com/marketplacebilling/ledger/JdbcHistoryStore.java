package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerRows.EVENT_COLUMNS;
import static com.marketplacebilling.ledger.LedgerRows.LINE_COLUMNS;
import static com.marketplacebilling.ledger.LedgerRows.VERSION_COLUMNS;
import static com.marketplacebilling.ledger.LedgerRows.event;
import static com.marketplacebilling.ledger.LedgerRows.line;
import static com.marketplacebilling.ledger.LedgerRows.version;

import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.SubscriptionHistory;
import java.sql.Array;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/** {@link HistoryStore} in PostgreSQL: one query per table for a whole page of subscriptions. */
public final class JdbcHistoryStore implements HistoryStore {
    private final JdbcTemplate jdbc;

    public JdbcHistoryStore(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    @Override
    public List<SubscriptionHistory> histories(List<String> ids, LocalDate asOf, LocalDate excludeFrom) {
        Map<String, List<CommerceVersion>> versions = new HashMap<>();
        Map<String, List<FulfillmentEvent>> events = new HashMap<>();
        Map<String, List<InvoiceLine>> lines = new HashMap<>();
        Map<String, Set<String>> raised = new HashMap<>();
        List<String> reviewed = excludeFrom != null ? ids : new ArrayList<>();
        withIds(ids, array -> {
            jdbc.query("SELECT " + VERSION_COLUMNS + " FROM commerce_version WHERE subscription_id = ANY(?) AND business_date <= ?",
                    (RowCallbackHandler) rs -> versions.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(version(rs)), array, asOf);
            jdbc.query("SELECT " + EVENT_COLUMNS + " FROM fulfillment_event WHERE subscription_id = ANY(?) AND business_date <= ?",
                    (RowCallbackHandler) rs -> events.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(event(rs)), array, asOf);
            // Lines and the core's exceptions are written only with a review (LedgerWriter, one transaction), so
            // a subscription never reviewed has none: on a first night that is every one, and two queries go.
            if (excludeFrom == null) reviewed.addAll(jdbc.queryForList("SELECT subscription_id FROM subscription"
                    + " WHERE subscription_id = ANY(?) AND reviewed_on IS NOT NULL", String.class, array));
        });
        if (!reviewed.isEmpty()) withIds(reviewed, array -> {
            // No date condition in a normal run: "billed_on < 9999-12-31" led the planner to the billed_on index,
            // which returns every line of the growing table for each page (quadratic on a large first night).
            jdbc.query("SELECT " + LINE_COLUMNS + " FROM invoice_line WHERE subscription_id = ANY(?)"
                            + (excludeFrom == null ? "" : " AND billed_on < ?"),
                    (RowCallbackHandler) rs -> lines.computeIfAbsent(rs.getString("subscription_id"),
                            k -> new ArrayList<>()).add(line(rs)), withCut(array, excludeFrom));
            jdbc.query("SELECT subscription_id, exception_id FROM billing_exception WHERE subscription_id = ANY(?)"
                            + (excludeFrom == null ? "" : " AND business_date < ?"),
                    (RowCallbackHandler) rs -> raised.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getString(2)), withCut(array, excludeFrom));
        });
        List<SubscriptionHistory> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            out.add(new SubscriptionHistory(id, versions.getOrDefault(id, List.of()),
                    events.getOrDefault(id, List.of()), lines.getOrDefault(id, List.of()),
                    raised.getOrDefault(id, Set.of())));
        }
        return out;
    }

    private static Object[] withCut(Array ids, LocalDate cut) {
        return cut == null ? new Object[] {ids} : new Object[] {ids, cut};
    }

    private void withIds(List<String> ids, Consumer<Array> body) { LedgerJdbc.withIds(jdbc, ids, body); }
}
