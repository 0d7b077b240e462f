package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerFixture.event;
import static com.marketplacebilling.ledger.LedgerFixture.version;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.SubscriptionHistory;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** FactStore on real PostgreSQL: facts read back whole, registered as due, idempotent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FactStoreTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 2);
    private LedgerFixture f;

    @BeforeAll
    void database() { f = new LedgerFixture(); }

    @AfterAll
    void drop() { f.close(); }

    @Test
    @DisplayName("stored facts read back whole as the subscription's history, and make it due on their date")
    void roundTripAndRegister() {
        CommerceVersion v = version("sub-a", 3, D1, 2);
        FulfillmentEvent e = event("evt-a", "sub-a", D1, 5);
        f.facts.storeVersions(List.of(v));
        f.facts.storeEvents(List.of(e));
        SubscriptionHistory h = f.histories.histories(List.of("sub-a"), D1, null).get(0);
        assertThat(h.versions()).containsExactly(v);
        assertThat(h.events()).containsExactly(e);
        assertThat(f.dueSet.subscriptionIdsAfter(null, D1, SubscriptionSlice.ALL, 10)).contains("sub-a");
        assertThat(f.dueSet.subscriptionIdsAfter(null, D1.minusDays(1), SubscriptionSlice.ALL, 10))
                .as("not due before its first fact").doesNotContain("sub-a");
    }

    @Test
    @DisplayName("storing the same facts again changes nothing (a chunk replayed after a crash)")
    void idempotent() {
        List<CommerceVersion> versions = List.of(version("sub-b", 1, D1, 3), version("sub-b", 2, D1, 4));
        List<FulfillmentEvent> events = List.of(event("evt-b", "sub-b", D1, 6));
        f.facts.storeVersions(versions);
        f.facts.storeEvents(events);
        f.facts.storeVersions(versions);
        f.facts.storeEvents(events);
        SubscriptionHistory h = f.histories.histories(List.of("sub-b"), D1, null).get(0);
        assertThat(h.versions()).containsExactlyInAnyOrderElementsOf(versions);
        assertThat(h.events()).containsExactlyElementsOf(events);
    }

    @Test
    @DisplayName("a fact of an earlier date makes a subscription due earlier; a later fact never postpones it")
    void earliestDueWins() {
        f.facts.storeVersions(List.of(version("sub-c", 1, D1.plusDays(2), 7)));
        f.facts.storeEvents(List.of(event("evt-c1", "sub-c", D1, 8)));
        f.facts.storeVersions(List.of(version("sub-c", 2, D1.plusDays(5), 9)));
        assertThat(f.dueSet.subscriptionIdsAfter("sub-b", D1, SubscriptionSlice.ALL, 1)).containsExactly("sub-c");
    }
}
