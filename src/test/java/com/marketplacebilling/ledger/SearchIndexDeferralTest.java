package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerFixture.version;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The console's search indexes on commerce_version: skipped by a first night's load, built before billing (D46). */
class SearchIndexDeferralTest extends LedgerStoreTestBase {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 2);
    private static final List<String> SEARCH = List.of("commerce_version_customer", "commerce_version_order");

    @Test
    @DisplayName("dropped before a load into an empty table, built again after it; kept when the table has rows")
    void deferOnlyWhenEmpty() {
        assertThat(indexes()).containsAll(SEARCH);
        f.facts.deferIndexesIfEmpty();
        assertThat(indexes()).doesNotContainAnyElementsOf(SEARCH).contains("commerce_version_pkey");
        f.facts.deferIndexesIfEmpty(); // a restart of the load before its first chunk: still nothing to drop
        f.facts.storeVersions(List.of(version("sub-a", 1, D1, 2)));
        f.facts.restoreIndexes();
        assertThat(indexes()).containsAll(SEARCH);
        f.facts.restoreIndexes(); // every bill step asks: nothing to do when they are there
        f.facts.deferIndexesIfEmpty();
        assertThat(indexes()).as("a ledger with versions keeps its indexes").containsAll(SEARCH);
        assertThat(f.jdbc.queryForObject("SELECT count(*) FROM commerce_version WHERE customer_id = ?", Long.class,
                version("sub-a", 1, D1, 2).customerId())).isEqualTo(1L);
    }

    private List<String> indexes() {
        return f.jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'commerce_version'"
                + " AND schemaname = current_schema() ORDER BY indexname", String.class);
    }
}
