package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerFixture.version;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DueSetPlanner on real PostgreSQL: which subscriptions a bill step reviews, in which slices, and after a review. */
class DueSetPlannerTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 2);
    private LedgerFixture f;

    @BeforeEach
    void database() {
        f = new LedgerFixture();
        for (String id : List.of("sub-a", "sub-b", "sub-c", "sub-d")) f.facts.storeVersions(List.of(version(id, 1, D1, 2)));
    }

    @AfterEach
    void drop() { f.close(); }

    @Test
    @DisplayName("a review records when each subscription is next due: at the date the core named, or never without new facts")
    void reviews() {
        assertThat(f.dueSet.dueCount(D1)).isEqualTo(4);
        f.dueSet.recordReviews(List.of("sub-a", "sub-b"), Arrays.asList(D1.plusMonths(1), null), D1);
        assertThat(f.dueSet.dueCount(D1.plusDays(1))).as("sub-c and sub-d, never billed").isEqualTo(2);
        assertThat(f.dueSet.dueIdsAfter(null, D1.plusMonths(1), SubscriptionSlice.ALL, 10))
                .containsExactly("sub-a", "sub-c", "sub-d");
        assertThat(f.dueSet.idsAfter(null, SubscriptionSlice.ALL, 10))
                .as("a recomputation reads every subscription").containsExactly("sub-a", "sub-b", "sub-c", "sub-d");
    }

    @Test
    @DisplayName("ids come a page at a time in binary order, within the slice [from, to)")
    void pagesAndSlices() {
        SubscriptionSlice middle = new SubscriptionSlice("sub-b", "sub-d");
        assertThat(f.dueSet.dueIdsAfter(null, D1, middle, 10)).containsExactly("sub-b", "sub-c");
        assertThat(f.dueSet.dueIdsAfter(null, D1, SubscriptionSlice.ALL, 2)).containsExactly("sub-a", "sub-b");
        assertThat(f.dueSet.dueIdsAfter("sub-b", D1, SubscriptionSlice.ALL, 2)).containsExactly("sub-c", "sub-d");
    }

    @Test
    @DisplayName("subscriptions reviewed by a run that was later abandoned are due again once billing is prepared")
    void abandonedReviewsReopen() {
        f.runs.begin(D1, LedgerFixture.POLICY, "test", Instant.parse("2026-11-03T02:00:00Z"));
        f.dueSet.recordReviews(List.of("sub-a", "sub-b", "sub-c", "sub-d"), Arrays.asList(null, null, null, null), D1);
        assertThat(f.dueSet.dueCount(D1)).isZero();
        f.runs.abandon(D1);
        f.dueSet.prepareBilling();
        assertThat(f.dueSet.dueCount(D1)).isEqualTo(4);
    }

    @Test
    @DisplayName("split bounds cut a sorted sample into equal consecutive ranges, never naming a bound twice")
    void splits() {
        assertThat(LedgerJdbc.splits(List.of("a", "b", "c", "d", "e", "f"), 3)).containsExactly("c", "e");
        assertThat(LedgerJdbc.splits(List.of("a", "a", "a", "b"), 4)).containsExactly("a", "b");
        assertThat(LedgerJdbc.splits(List.of(), 2)).isEmpty();
        // unequal shares (the publish step's first part is lighter)
        List<String> ten = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        assertThat(LedgerJdbc.splits(ten, new double[] {0.3, 0.7})).containsExactly("d");
        assertThat(LedgerJdbc.splits(ten, new double[] {0.46, 0.54})).containsExactly("f");
        assertThat(LedgerJdbc.splits(ten, new double[] {0.2, 0.3, 0.5})).containsExactly("c", "f");
    }
}
