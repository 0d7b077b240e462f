package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerFixture.event;
import static com.marketplacebilling.ledger.LedgerFixture.exception;
import static com.marketplacebilling.ledger.LedgerFixture.line;
import static com.marketplacebilling.ledger.LedgerFixture.version;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.billing.SubscriptionHistory;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** HistoryStore on real PostgreSQL: what the billing core sees of a subscription as of a date. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryStoreTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 2);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 3);
    private LedgerFixture f;
    private CommerceVersion v1;
    private CommerceVersion v2;
    private FulfillmentEvent e1;
    private InvoiceLine l1;
    private InvoiceLine l2;
    private BillingException x2;

    /** sub-a: facts on D1 and D2, a line billed by each date's run, and an exception raised by D2's run. */
    @BeforeAll
    void billTwoDates() {
        f = new LedgerFixture();
        v1 = version("sub-a", 1, D1, 2);
        e1 = event("evt-1", "sub-a", D1, 3);
        v2 = version("sub-a", 2, D2, 4);
        l1 = line("L-1", "INV-202611-0001", "sub-a", D1);
        l2 = line("L-2", "INV-202611-0001", "sub-a", D2);
        x2 = new BillingException("x-2", D2, ExceptionCode.LATE_EVENT, "sub-a", "cust-1", SourceRef.FULFILLMENT_FILE, 3,
                "evt-1", "late", "", "");
        f.facts.storeVersions(List.of(v1));
        f.facts.storeEvents(List.of(e1));
        f.outcomes.storeLines(List.of(l1), null, D1);
        f.dueSet.recordReviews(List.of("sub-a"), Arrays.asList((LocalDate) null), D1);
        f.facts.storeVersions(List.of(v2));
        f.outcomes.storeLines(List.of(l2), null, D2);
        f.outcomes.storeExceptions(List.of(x2, exception("x-other", D2, ExceptionCode.MALFORMED_ROW,
                SourceRef.COMMERCE_FILE, 9)));
        f.dueSet.recordReviews(List.of("sub-a"), Arrays.asList((LocalDate) null), D2);
    }

    @AfterAll
    void drop() { f.close(); }

    @Test
    @DisplayName("as of a date: the facts received up to it, every line billed and exception raised")
    void asOfADate() {
        SubscriptionHistory atD1 = f.histories.histories(List.of("sub-a"), D1, null).get(0);
        assertThat(atD1.versions()).containsExactly(v1);
        assertThat(atD1.events()).containsExactly(e1);
        SubscriptionHistory atD2 = f.histories.histories(List.of("sub-a"), D2, null).get(0);
        assertThat(atD2.versions()).containsExactlyInAnyOrder(v1, v2);
        assertThat(atD2.billedLines()).containsExactlyInAnyOrder(l1, l2);
        assertThat(atD2.raisedExceptionIds()).containsExactly("x-2");
    }

    @Test
    @DisplayName("a recomputation of a date sees the lines and exceptions of earlier runs only")
    void recomputation() {
        SubscriptionHistory h = f.histories.histories(List.of("sub-a"), D2, D2).get(0);
        assertThat(h.versions()).containsExactlyInAnyOrder(v1, v2);
        assertThat(h.billedLines()).containsExactly(l1);
        assertThat(h.raisedExceptionIds()).isEmpty();
    }

    @Test
    @DisplayName("histories come in the order of the ids asked for; a subscription without facts has an empty one")
    void orderAndUnknown() {
        List<SubscriptionHistory> hs = f.histories.histories(List.of("sub-zzz", "sub-a"), D2, null);
        assertThat(hs).extracting(SubscriptionHistory::subscriptionId).containsExactly("sub-zzz", "sub-a");
        assertThat(hs.get(0).versions()).isEmpty();
        assertThat(hs.get(0).billedLines()).isEmpty();
    }
}
