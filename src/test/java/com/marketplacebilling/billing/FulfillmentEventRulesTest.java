package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.ACTIVATE;
import static com.marketplacebilling.billing.FulfillmentAction.CHANGE_QUANTITY;
import static com.marketplacebilling.billing.FulfillmentAction.LICENSES_ASSIGNED;
import static com.marketplacebilling.billing.FulfillmentAction.REINSTATE;
import static com.marketplacebilling.billing.FulfillmentAction.SUSPEND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R17: one operation per event id, progression, duplicates, conflicts, unknown subscriptions, publishers, late facts. */
class FulfillmentEventRulesTest {
    private static final OperationStatus OK = OperationStatus.SUCCEEDED;
    private static final OperationStatus RUNNING = OperationStatus.IN_PROGRESS;

    private static Facts ordered() {
        return Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z");
    }

    @Test
    @DisplayName("R17: an InProgress Activate is stored and ignored; its Succeeded repeat two days later starts billing at that row's occurred_at")
    void progression() {
        Facts f = ordered().event(LICENSES_ASSIGNED, "2025-03-10T09:00:00Z")
                .event("act", ACTIVATE, "2025-03-10T09:30:00Z", RUNNING, null);
        List<BillingResult> first = f.nights("2025-03-10", "2025-03-11");
        assertThat(Show.allLines(first)).isEmpty();
        assertThat(Show.codes(first)).isEmpty();
        f.event("act", ACTIVATE, "2025-03-12T07:00:00Z", OK, null);
        BillingResult r = f.run("2025-03-12", "2025-03-11", Rounding.UNIT);
        assertThat(Show.lines(r.lines())).isEqualTo("new 2025-03-12..2025-04-11 q10 100.80");
        assertThat(Show.codes(r)).as("a progression is neither duplicate nor conflict").isEmpty();
    }

    @Test
    @DisplayName("R17: an InProgress operation that ends Failed raises FULFILLMENT_FAILED and starts nothing")
    void progressionToFailed() {
        Facts f = ordered().event(LICENSES_ASSIGNED, "2025-03-10T09:00:00Z")
                .event("act", ACTIVATE, "2025-03-10T09:30:00Z", RUNNING, null)
                .event("act", ACTIVATE, "2025-03-11T09:30:00Z", OperationStatus.FAILED, null);
        List<BillingResult> nights = f.nights("2025-03-10", "2025-03-12");
        assertThat(Show.allLines(nights)).isEmpty();
        assertThat(Show.codes(nights)).containsExactly(ExceptionCode.FULFILLMENT_FAILED);
    }

    @Test
    @DisplayName("R17: an exact repeat of an event is DUPLICATE_EVENT (INFO), ignored, and quarantines nothing")
    void duplicate() {
        Facts f = ordered().activated("2025-03-10T09:00:00Z");
        f.run("2025-03-10");
        f.arriving("2025-03-11").event("evt-2", ACTIVATE, "2025-03-10T09:00:00Z", OK, null).onTime();
        BillingResult r = f.run("2025-03-11", "2025-03-10", Rounding.UNIT);
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.DUPLICATE_EVENT);
        assertThat(r.exceptions().get(0).eventId()).isEqualTo("evt-2");
        assertThat(r.exceptions().get(0).severity()).isEqualTo(Severity.INFO);
        assertThat(f.runEachDay("2025-04-09", "2025-04-10", Rounding.UNIT)).as("still renews").hasSize(1);
    }

    @Test
    @DisplayName("R17: a repeat with different content is CONFLICTING_EVENT (ERROR), ignored; the first row stands and billing goes on")
    void conflicting() {
        Facts f = ordered().activated("2025-03-10T09:00:00Z")
                .eventWith("cq", CHANGE_QUANTITY, "2025-03-15T09:00:00Z", OK, "", 10);
        f.nights("2025-03-10", "2025-03-15");
        f.eventWith("cq", CHANGE_QUANTITY, "2025-03-16T09:00:00Z", OK, "", 15);
        BillingResult r = f.run("2025-03-16", "2025-03-15", Rounding.UNIT);
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.CONFLICTING_EVENT);
        assertThat(r.exceptions().get(0).expected()).contains("quantity=10");
        assertThat(r.exceptions().get(0).actual()).contains("quantity=15");
        assertThat(Show.codes(f.run("2025-03-17", "2025-03-16", Rounding.UNIT))).as("no QUANTITY_MISMATCH: ignored")
                .isEmpty();
        assertThat(f.runEachDay("2025-04-10", "2025-04-10", Rounding.UNIT)).hasSize(1);
    }

    @Test
    @DisplayName("R17: events for a subscription the commerce feed never named raise UNKNOWN_SUBSCRIPTION once each; applied when it appears, with true dates")
    void unknownSubscriptionAppliedLater() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z");
        BillingResult r = f.run("2025-03-10");
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.UNKNOWN_SUBSCRIPTION,
                ExceptionCode.UNKNOWN_SUBSCRIPTION);
        assertThat(r.lines()).isEmpty();
        assertThat(Show.codes(f.run("2025-03-11", "2025-03-10", Rounding.UNIT))).as("once").isEmpty();
        f.version("2025-03-12T10:00:00Z");
        BillingResult appeared = f.run("2025-03-12", "2025-03-11", Rounding.UNIT);
        assertThat(Show.lines(appeared.lines())).isEqualTo("new 2025-03-10..2025-04-09 q10 100.80");
        assertThat(Show.codes(appeared)).isEmpty();
    }

    @Test
    @DisplayName("R17: an event from another publisher raises PUBLISHER_MISMATCH (ERROR) and is ignored")
    void publisherMismatch() {
        Facts f = ordered().activated("2025-03-10T09:00:00Z");
        f.run("2025-03-10");
        f.eventFrom("fabrikam", "bad", SUSPEND, "2025-04-09T10:00:00Z");
        BillingResult r = f.run("2025-04-09", "2025-04-08", Rounding.UNIT);
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.PUBLISHER_MISMATCH);
        assertThat(r.exceptions().get(0).expected()).isEqualTo("contoso");
        assertThat(r.exceptions().get(0).actual()).isEqualTo("fabrikam");
        assertThat(f.run("2025-04-10", "2025-04-09", Rounding.UNIT).lines()).as("the suspend was ignored: renews")
                .hasSize(1);
    }

    @Test
    @DisplayName("R17: a late commerce version is LATE_EVENT (INFO) and its pair is billed now with its true dates")
    void lateVersionBilledWithTrueDates() {
        Facts f = ordered().activated("2025-03-10T09:00:00Z");
        f.nights("2025-03-10", "2025-03-17");
        f.arriving("2025-03-18").quantity(12).version("2025-03-15T10:00:00Z").onTime();
        BillingResult r = f.run("2025-03-18", "2025-03-17", Rounding.UNIT);
        assertThat(r.lines()).hasSize(2).allSatisfy(l -> {
            assertThat(l.chargeStartDate()).hasToString("2025-03-15");
            assertThat(l.orderDate()).hasToString("2025-03-15");
        });
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.LATE_EVENT, ExceptionCode.QUANTITY_MISMATCH);
        assertThat(r.exceptions().get(0).sourceFile()).isEqualTo(SourceRef.COMMERCE_FILE);
    }

    @Test
    @DisplayName("R17: a fact dated on the business date itself is not late; one dated on the last completed date is")
    void lateBoundary() {
        Facts f = ordered().activated("2025-03-10T09:00:00Z");
        f.nights("2025-03-10", "2025-03-14");
        f.arriving("2025-03-15").quantity(11).version("2025-03-14T23:59:59Z").quantity(12)
                .version("2025-03-15T00:00:00Z").onTime();
        BillingResult r = f.run("2025-03-15", "2025-03-14", Rounding.UNIT);
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.LATE_EVENT, ExceptionCode.QUANTITY_MISMATCH);
        assertThat(r.exceptions().get(0).actual()).isEqualTo("2025-03-14T23:59:59Z");
    }

    @Test
    @DisplayName("R17: a commerce row identical to a stored version (a snapshot resend) is no fact: not late, no change, no exception")
    void identicalResendIsNoFact() {
        Facts f = ordered().activated("2025-03-10T09:00:00Z");
        f.nights("2025-03-10", "2025-03-14");
        f.arriving("2025-03-15").version("2025-03-10T08:00:00Z").onTime();
        BillingResult r = f.run("2025-03-15", "2025-03-14", Rounding.UNIT);
        assertThat(r.exceptions()).isEmpty();
        assertThat(r.lines()).isEmpty();
    }

    @Test
    @DisplayName("R17: a late Suspend dated before a cycle start whose cycleCharge is billed never withdraws it, and the late Reinstate charges nothing twice")
    void lateSuspensionNeverWithdrawsABilledCycle() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().price("30.00")
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z");
        f.nights("2025-03-10", "2025-04-12");
        assertThat(f.billed).extracting(InvoiceLine::chargeType).containsExactly(ChargeType.NEW,
                ChargeType.CYCLE_CHARGE);
        f.arriving("2025-04-13").event(SUSPEND, "2025-04-09T10:00:00Z").event(REINSTATE, "2025-04-11T10:00:00Z")
                .onTime();
        BillingResult r = f.run("2025-04-13", "2025-04-12", Rounding.UNIT);
        assertThat(r.lines()).as("the 04-10 cycle is already charged in full").isEmpty();
        assertThat(Show.codes(r)).containsExactly(ExceptionCode.LATE_EVENT, ExceptionCode.LATE_EVENT);
        f.quantity(12).version("2025-04-20T10:00:00Z");
        assertThat(f.run("2025-04-20", "2025-04-19", Rounding.UNIT).lines())
                .as("the billed cycle still takes seat changes").hasSize(2);
    }

    @Test
    @DisplayName("R17: late publisher facts dated before the billed S never move S: no second new line")
    void lateFactsNeverMoveABilledStart() {
        Facts f = ordered().event("la-1", LICENSES_ASSIGNED, "2025-03-12T09:00:00Z", OK, null)
                .event("ac-1", ACTIVATE, "2025-03-12T09:00:00Z", OK, null);
        f.nights("2025-03-10", "2025-03-13");
        assertThat(Show.lines(f.billed)).isEqualTo("new 2025-03-12..2025-04-11 q10 100.80");
        f.arriving("2025-03-14").event("la-0", LICENSES_ASSIGNED, "2025-03-10T09:00:00Z", OK, null)
                .event("ac-0", ACTIVATE, "2025-03-10T09:00:00Z", OK, null).onTime();
        BillingResult r = f.run("2025-03-14", "2025-03-13", Rounding.UNIT);
        assertThat(r.lines()).isEmpty();
        assertThat(f.runEachDay("2025-04-10", "2025-04-12", Rounding.UNIT)).as("renews on the billed anchor")
                .extracting(l -> l.chargeStartDate().toString()).containsExactly("2025-04-12");
    }
}
