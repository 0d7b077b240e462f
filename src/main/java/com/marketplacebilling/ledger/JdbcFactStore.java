package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerJdbc.copy;
import static com.marketplacebilling.ledger.LedgerJdbc.inTransaction;

import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;
import java.sql.Array;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link FactStore} in PostgreSQL: COPY into commerce_version and fulfillment_event, then the subscription register. */
public final class JdbcFactStore implements FactStore {
    private final JdbcTemplate jdbc;

    public JdbcFactStore(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    @Override
    public void storeVersions(List<CommerceVersion> versions) {
        if (versions.isEmpty()) return;
        CopyRows rows = new CopyRows();
        for (CommerceVersion v : versions) {
            rows.text(v.subscriptionId()).text(v.contentKey()).date(v.source().businessDate())
                    .number(v.source().line()).text(v.orderId()).text(v.customerId()).text(v.customerName())
                    .text(v.customerCountry()).text(v.resellerMpnId()).text(v.publisherId()).text(v.publisherName())
                    .text(v.offerId()).text(v.planId()).text(v.friendlyName()).number(v.quantity())
                    .decimal(v.unitPrice()).text(v.currency()).text(v.term().name())
                    .text(v.billingFrequency().name()).bool(v.autoRenew()).text(v.status().name())
                    .instant(v.orderedAt()).instant(v.updatedAt()).instant(v.cancelledAt()).end();
        }
        store("commerce_version", rows, versions.stream().map(CommerceVersion::subscriptionId),
                versions.get(0).source().businessDate());
    }

    @Override
    public void storeEvents(List<FulfillmentEvent> events) {
        if (events.isEmpty()) return;
        CopyRows rows = new CopyRows();
        for (FulfillmentEvent e : events) {
            rows.date(e.source().businessDate()).number(e.source().line()).text(e.eventId())
                    .text(e.subscriptionId()).text(e.publisherId()).text(e.action().name())
                    .instant(e.occurredAt()).text(e.planId()).number(e.quantity()).text(e.status().name()).end();
        }
        store("fulfillment_event", rows, events.stream().map(FulfillmentEvent::subscriptionId),
                events.get(0).source().businessDate());
    }

    /**
     * The console's subscription search keys (V13). Maintained during a bulk COPY into an empty table they
     * cost about three times the COPY itself in PostgreSQL; built afterwards, about a third (D46).
     */
    private static final List<String> SEARCH_INDEXES = List.of(
            "CREATE INDEX IF NOT EXISTS commerce_version_customer ON commerce_version (customer_id)",
            "CREATE INDEX IF NOT EXISTS commerce_version_order ON commerce_version (order_id)");

    @Override
    public void deferIndexesIfEmpty() {
        jdbc.execute((java.sql.Connection c) -> {
            inTransaction(c, () -> {
                try (var st = c.createStatement()) {
                    // the lock first: nothing can store a version between the look and the drop
                    st.execute("LOCK TABLE commerce_version IN SHARE ROW EXCLUSIVE MODE");
                    try (var rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM commerce_version)")) {
                        rs.next();
                        if (rs.getBoolean(1)) return;
                    }
                    st.execute("DROP INDEX IF EXISTS commerce_version_customer, commerce_version_order");
                }
            });
            return null;
        });
    }

    @Override
    public void restoreIndexes() {
        LedgerJdbc.atOnce(SEARCH_INDEXES.stream().<Runnable>map(ddl -> () -> jdbc.execute(ddl)).toList());
    }

    /**
     * Stores fact rows ({@link #copy}), then registers every subscription they name: it becomes due for billing
     * on the date of its new facts (the bill step looks only at due subscriptions). In id order: the two feeds
     * load at the same time and register the same subscriptions, and taking row locks in one order cannot
     * deadlock.
     */
    private void store(String table, CopyRows rows, Stream<String> subscriptionIds, LocalDate seen) {
        String[] ids = subscriptionIds.distinct().sorted().toArray(String[]::new);
        jdbc.execute((java.sql.Connection c) -> {
            inTransaction(c, () -> {
                copy(c, table, rows);
                Array array = c.createArrayOf("text", ids);
                try (var ps = c.prepareStatement("""
                        INSERT INTO subscription (subscription_id, first_seen, next_due)
                        SELECT id, ?, ? FROM unnest(?::text[]) AS id ORDER BY id COLLATE "C"
                        ON CONFLICT (subscription_id) DO UPDATE SET next_due = EXCLUDED.next_due
                        WHERE subscription.next_due IS NULL OR subscription.next_due > EXCLUDED.next_due""")) {
                    ps.setObject(1, seen);
                    ps.setObject(2, seen);
                    ps.setArray(3, array);
                    ps.executeUpdate();
                } finally {
                    array.free();
                }
            });
            return null;
        });
    }
}
