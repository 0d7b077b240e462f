package com.marketplacebilling.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.BillingEngine;
import com.marketplacebilling.billing.BillingFrequency;
import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.BillingResult;
import com.marketplacebilling.billing.CommerceStatus;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.OperationStatus;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.RunContext;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.billing.SubscriptionHistory;
import com.marketplacebilling.billing.Term;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Explanations stored with their lines (V14) and read back by ExplanationStore, on real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplanationStoreTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 2);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 5);
    private TestDatabase db;
    private FactStore facts;
    private OutcomeStore outcomes;
    private ExplanationStore store;
    private final List<InvoiceLine> billed = new ArrayList<>();
    private final List<LineExplanation> explained = new ArrayList<>();

    @BeforeAll
    void billASeatChange() {
        db = TestDatabase.create();
        Cli.Result migrate = new Cli(Cli.repository(), db.url()).run("status"); // Flyway, V14 included
        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), "postgres", ""));
        facts = new JdbcFactStore(jdbc);
        outcomes = new JdbcOutcomeStore(jdbc);
        store = new ExplanationStore(jdbc);

        CommerceVersion v1 = version(10, "2026-10-12T08:00:00Z", new SourceRef(D1, SourceRef.COMMERCE_FILE, 2));
        List<FulfillmentEvent> events = List.of(
                event("evt-1", FulfillmentAction.LICENSES_ASSIGNED, "2026-10-12T08:10:00Z", 2),
                event("evt-2", FulfillmentAction.ACTIVATE, "2026-10-12T08:20:00Z", 3));
        facts.storeVersions(List.of(v1));
        facts.storeEvents(events);
        bill(D1, List.of(v1), events);
        CommerceVersion v2 = version(12, "2026-11-05T09:00:00Z", new SourceRef(D2, SourceRef.COMMERCE_FILE, 7));
        facts.storeVersions(List.of(v2));
        bill(D2, List.of(v1, v2), events);
    }

    private void bill(LocalDate d, List<CommerceVersion> versions, List<FulfillmentEvent> events) {
        BillingResult r = new BillingEngine().bill(new SubscriptionHistory("sub-1", versions, events, List.copyOf(billed),
                Set.of()), new RunContext(d, null, null, new BillingPolicy(Rounding.UNIT, BillingPolicy.DEFAULT_LEGACY_UNTIL)));
        outcomes.storeLines(r.lines(), r.explanations(), d);
        billed.addAll(r.lines());
        explained.addAll(r.explanations());
    }

    @AfterAll
    void drop() { db.close(); }

    @Test
    @DisplayName("each line's explanation comes back equal to what the billing core produced (R4, R7 pair)")
    void roundTrip() {
        assertThat(explained).extracting(LineExplanation::rule).containsExactly(LineExplanation.Rule.R4_NEW,
                LineExplanation.Rule.R7_SEAT_CHANGE, LineExplanation.Rule.R7_SEAT_CHANGE);
        for (int i = 0; i < billed.size(); i++) {
            ExplainedLine x = store.line(billed.get(i).lineId()).orElseThrow();
            assertThat(x.line()).isEqualTo(billed.get(i));
            assertThat(x.explanation()).isEqualTo(explained.get(i));
            assertThat(LineExplanation.mismatch(x.line(), x.explanation())).isNull();
        }
        assertThat(store.line("L-unknown")).isEmpty();
    }

    @Test
    @DisplayName("a subscription's record: facts in arrival order, lines by run, limited to a date; unknown: empty")
    void subscriptionRecord() {
        ExplanationStore.SubscriptionRecord all = store.subscription("sub-1", null).orElseThrow();
        assertThat(all.versions()).extracting(CommerceVersion::quantity).containsExactly(10, 12);
        assertThat(all.events()).extracting(FulfillmentEvent::eventId).containsExactly("evt-1", "evt-2");
        assertThat(all.lines()).hasSize(3);
        assertThat(all.lines().get(0).billedOn()).isEqualTo(D1);
        ExplanationStore.SubscriptionRecord early = store.subscription("sub-1", D1).orElseThrow();
        assertThat(early.versions()).hasSize(1);
        assertThat(early.lines()).hasSize(1);
        assertThat(store.subscription("sub-unknown", null)).isEmpty();
    }

    @Test
    @DisplayName("a line stored without an explanation (as before V14) reads back with none")
    void lineWithoutExplanation() {
        InvoiceLine old = billed.get(0);
        InvoiceLine copy = new InvoiceLine(old.invoiceNumber(), "L-old", old.customerId(), old.customerName(),
                old.customerCountry(), old.resellerMpnId(), old.orderId(), old.orderDate(), old.publisherId(),
                old.publisherName(), old.offerId(), old.planId(), "sub-old", old.subscriptionDescription(),
                old.chargeType(), old.chargeStartDate(), old.chargeEndDate(), old.unitPrice(), old.effectiveUnitPrice(),
                old.quantity(), old.subtotal(), old.currency(), old.term(), old.billingFrequency(),
                old.subscriptionStartDate(), old.subscriptionEndDate(), old.referenceId());
        outcomes.storeLines(List.of(copy), null, D1);
        ExplainedLine x = store.line("L-old").orElseThrow();
        assertThat(x.explanation()).isNull();
        assertThat(x.billedOn()).isEqualTo(D1);
    }

    private static CommerceVersion version(int quantity, String updatedAt, SourceRef src) {
        return new CommerceVersion("sub-1", "ord-1", "cust-1", "Fabrikam", "DE", "", "contoso", "Contoso Ltd", "crm",
                "pro", "CRM", quantity, new BigDecimal("10.08"), "EUR", Term.P1M, BillingFrequency.MONTHLY, true,
                CommerceStatus.ACTIVE, Instant.parse("2026-10-12T07:00:00Z"), Instant.parse(updatedAt), null, src);
    }

    private static FulfillmentEvent event(String id, FulfillmentAction action, String at, long line) {
        return new FulfillmentEvent(id, "sub-1", "contoso", action, Instant.parse(at), action.requiresPlan() ? "pro" : "",
                10, OperationStatus.SUCCEEDED, new SourceRef(D1, SourceRef.FULFILLMENT_FILE, line));
    }
}
