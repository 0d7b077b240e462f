package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.SUSPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The change-pairs family on its own (R7, R8, R9). */
class ChangePairsTest {

    /** Annual term billed monthly from 2025-03-10 at 30.00 EUR (cycle 04-10..05-09: 30 days), 10 seats. */
    private static Facts annualMonthly() {
        return Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().price("30.00")
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z");
    }

    private static List<ProposedItem> propose(Facts h, String date) {
        SubscriptionFacts f = FamilyFacts.asOf(h, date);
        Cancellation c = Cancellation.of(f);
        List<CommerceVersion> changes = ChangePairs.changes(f, c);
        return ChangePairs.propose(f, ScheduledCharges.plan(f, c.end()), new TermPrices(f, changes), changes);
    }

    @Test
    @DisplayName("R7: a seat change yields a credit of the old and a charge of the new, credit first, one ReferenceId, prorated to the cycle end")
    void seatChangePair() {
        List<ProposedItem> items = propose(annualMonthly().quantity(12).version("2025-04-20T10:00:00Z"), "2025-04-20");
        List<InvoiceLine> pair = FamilyFacts.lines(items);
        assertThat(Show.lines(pair)).isEqualTo("addQuantity 2025-04-20..2025-05-09 q10 -200.00"
                + " | addQuantity 2025-04-20..2025-05-09 q12 240.00");
        assertThat(pair.get(0).referenceId()).startsWith("R-").isEqualTo(pair.get(1).referenceId());
        assertThat(FamilyFacts.findings(items)).isEmpty();
    }

    @Test
    @DisplayName("R8, R9: a plan change is one convert pair at the old and the new price; a price change alone raises PRICE_CHANGED_MID_TERM")
    void planChangeAndPriceChange() {
        Facts h = annualMonthly().plan("enterprise").price("45.00").quantity(11).version("2025-04-20T10:00:00Z")
                .price("50.00").version("2025-04-25T10:00:00Z");
        List<ProposedItem> items = propose(h, "2025-04-25");
        List<InvoiceLine> lines = FamilyFacts.lines(items);
        assertThat(lines).extracting(InvoiceLine::chargeType).containsOnly(ChargeType.CONVERT).hasSize(2);
        assertThat(lines).extracting(InvoiceLine::planId).containsExactly("pro", "enterprise");
        assertThat(lines).extracting(InvoiceLine::unitPrice).extracting(java.math.BigDecimal::toPlainString)
                .containsExactly("30.00", "45.00");
        assertThat(FamilyFacts.findings(items)).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(ExceptionCode.PRICE_CHANGED_MID_TERM);
            assertThat(x.expected()).isEqualTo("45.00");
            assertThat(x.actual()).isEqualTo("50.00");
        });
    }

    @Test
    @DisplayName("R13, R7: a change in a cycle skipped while suspended makes no pair (nothing charged to adjust)")
    void noPairInASkippedCycle() {
        Facts h = annualMonthly().event(SUSPEND, "2025-04-09T10:00:00Z").quantity(12).version("2025-04-12T10:00:00Z");
        assertThat(propose(h, "2025-04-12")).isEmpty();
    }

    @Test
    @DisplayName("R7: a change dated after the business date is not paired yet; its day is the next review")
    void futureChangeIsReviewed() {
        // the version arrives in the feed of 04-19, dated the next day
        List<ProposedItem> items = propose(annualMonthly().arriving("2025-04-19").quantity(12)
                .version("2025-04-20T10:00:00Z"), "2025-04-19");
        assertThat(FamilyFacts.lines(items)).isEmpty();
        assertThat(FamilyFacts.reviews(items)).extracting(java.time.LocalDate::toString).containsExactly("2025-04-20");
    }
}
