package com.marketplacebilling.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A page of histories reads its subscriptions' rows through the primary key, not the whole table (issue 16, D47).
 * On a 100,000-subscription ledger a month old, PostgreSQL chose a parallel sequential scan of fulfillment_event
 * for every page of 1,000 due subscriptions: 85 ms a page against 25 ms for the bitmap scan of the key, and the
 * sequential scan grows with every night's events. V19 turns parallel scans off for the history tables.
 */
class HistoryScanPlansTest extends LedgerStoreTestBase {
    private static final int SUBSCRIPTIONS = 100_000;

    @BeforeAll
    void aMonthOfEvents() {
        // two events per subscription on the first date, then 2% of the book a day for a month, spread over the book
        f.jdbc.update("""
                INSERT INTO fulfillment_event (business_date, source_line, event_id, subscription_id, publisher_id,
                  action, occurred_at, plan_id, quantity, status)
                SELECT date '2026-11-02', s * 2 + k, 'evt-0-' || s || '-' || k, 'sub-' || lpad(s::text, 7, '0'),
                  'pub-1', 'LicensesAssigned', timestamptz '2026-11-01 10:00Z', 'plan-1', 1, 'Succeeded'
                FROM generate_series(1, ?) s, generate_series(0, 1) k""", SUBSCRIPTIONS);
        f.jdbc.update("""
                INSERT INTO fulfillment_event (business_date, source_line, event_id, subscription_id, publisher_id,
                  action, occurred_at, plan_id, quantity, status)
                SELECT date '2026-11-02' + d, s, 'evt-' || d || '-' || s,
                  'sub-' || lpad(((s * 7919 + d * 104729) % ? + 1)::text, 7, '0'),
                  'pub-1', 'ChangeQuantity', timestamptz '2026-11-01 10:00Z' + d * interval '1 day', 'plan-1', 2,
                  'Succeeded'
                FROM generate_series(1, 30) d, generate_series(1, ?) s""", SUBSCRIPTIONS, SUBSCRIPTIONS / 50);
        f.jdbc.execute("ANALYZE fulfillment_event");
    }

    @Test
    @DisplayName("the events of a page of 1,000 subscriptions are read through the key, whatever the table's size")
    void eventsOfAPage() {
        StringBuilder ids = new StringBuilder("{");
        for (int s = 1; s <= 1000; s++) ids.append(s == 1 ? "" : ",").append(String.format("sub-%07d", s * 37));
        // literals, as the custom plan of the store's statement sees its parameters
        List<String> plan = f.jdbc.queryForList("EXPLAIN SELECT " + LedgerRows.EVENT_COLUMNS
                + " FROM fulfillment_event WHERE subscription_id = ANY('" + ids.append('}')
                + "'::text[]) AND business_date <= '2027-01-01'", String.class);
        assertThat(String.join("\n", plan)).contains("fulfillment_event_pkey").doesNotContain("Seq Scan");
    }
}
