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

    /** See {@link LedgerJdbc#analyzeChanged}: the tables the history pages read. */
    private void analyzeChanged() {
        LedgerJdbc.analyzeChanged(jdbc, "subscription", "commerce_version", "fulfillment_event", "invoice_line",
                "billing_exception");
    }

    @Override
    public List<String> dueIdsAfter(String afterId, LocalDate date, SubscriptionSlice slice, int limit) {
        return subscriptionIdsAfter(afterId, date, slice, limit);
    }

    @Override
    public List<String> idsAfter(String afterId, SubscriptionSlice slice, int limit) {
        return subscriptionIdsAfter(afterId, null, slice, limit);
    }

    /** Every subscription when {@code date} is null, else those due by {@code date}. */
    private List<String> subscriptionIdsAfter(String afterId, LocalDate date, SubscriptionSlice slice, int limit) {
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
