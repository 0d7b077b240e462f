package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerJdbc.splits;

import java.sql.Array;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link DueSetPlanner} on the subscription register (its next_due and reviewed_on columns). */
public final class JdbcDueSetPlanner implements DueSetPlanner {
    private final JdbcTemplate jdbc;

    public JdbcDueSetPlanner(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    @Override
    public void prepareBilling() {
        reopenAbandonedReviews();
        analyzeChanged();
    }

    /**
     * Subscriptions reviewed by a run that was later abandoned (its lines and facts are gone) are due again.
     * Runs before the bill step of every date; cheap when nothing was ever abandoned.
     */
    private void reopenAbandonedReviews() {
        LocalDate last = jdbc.queryForObject("SELECT max(business_date) FROM business_run WHERE status = 'ABANDONED'",
                LocalDate.class);
        if (last == null) return;
        jdbc.update("""
                UPDATE subscription SET next_due = reviewed_on
                WHERE reviewed_on IN (SELECT business_date FROM business_run WHERE status = 'ABANDONED')
                  AND (next_due IS NULL OR next_due > reviewed_on)""");
    }

    /**
     * Refreshes the planner's statistics of the ledger tables that changed by more than a tenth since their last
     * analysis (autovacuum would, but later): right after a big load the planner otherwise believes the tables
     * empty and scans them whole for every page of histories.
     */
    private void analyzeChanged() {
        List<String> stale = jdbc.queryForList("""
                SELECT relname FROM pg_stat_user_tables
                WHERE relname IN ('subscription', 'commerce_version', 'fulfillment_event', 'invoice_line',
                                  'billing_exception')
                  AND schemaname = current_schema()
                  AND n_mod_since_analyze > 1000 + 0.1 * n_live_tup""", String.class);
        if (!stale.isEmpty()) jdbc.execute("ANALYZE " + String.join(", ", stale));
    }

    @Override
    public List<String> subscriptionIdsAfter(String afterId, LocalDate date, SubscriptionSlice slice, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT subscription_id FROM subscription WHERE ");
        if (afterId != null || slice.from() == null) {
            sql.append("subscription_id > ?");
            args.add(afterId == null ? "" : afterId);
        } else {
            sql.append("subscription_id >= ?");
            args.add(slice.from());
        }
        if (slice.to() != null) {
            sql.append(" AND subscription_id < ?");
            args.add(slice.to());
        }
        if (date != null) {
            sql.append(" AND (next_due IS NULL OR next_due <= ?)");
            args.add(date);
        }
        sql.append(" ORDER BY subscription_id LIMIT ?");
        args.add(limit);
        return jdbc.queryForList(sql.toString(), String.class, args.toArray());
    }

    @Override
    public List<String> dueIdSplits(LocalDate date, int parts) {
        List<String> sample = jdbc.queryForList("SELECT subscription_id FROM subscription"
                + " WHERE (next_due IS NULL OR next_due <= ?) AND random() < 0.01 ORDER BY subscription_id",
                String.class, date);
        return splits(sample, parts);
    }

    @Override
    public long dueCount(LocalDate date) {
        return jdbc.queryForObject("SELECT count(*) FROM subscription WHERE next_due IS NULL OR next_due <= ?",
                Long.class, date);
    }

    @Override
    public void recordReviews(List<String> ids, List<LocalDate> nextDue, LocalDate reviewedOn) {
        if (ids.isEmpty()) return;
        jdbc.execute((java.sql.Connection c) -> {
            Array idArray = c.createArrayOf("text", ids.toArray());
            Array dueArray = c.createArrayOf("text", nextDue.stream().map(d -> d == null ? null : d.toString()).toArray());
            try (var ps = c.prepareStatement("""
                    UPDATE subscription s SET reviewed_on = ?, next_due = coalesce(v.due, 'infinity')
                    FROM unnest(?::text[], ?::text[]::date[]) AS v(id, due) WHERE s.subscription_id = v.id""")) {
                ps.setObject(1, reviewedOn);
                ps.setArray(2, idArray);
                ps.setArray(3, dueArray);
                ps.executeUpdate();
            } finally {
                idArray.free();
                dueArray.free();
            }
            return null;
        });
    }
}
