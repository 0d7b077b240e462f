package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.FulfillmentAction.ACTIVATE;
import static com.marketplacebilling.billing.FulfillmentAction.CHANGE_PLAN;
import static com.marketplacebilling.billing.FulfillmentAction.CHANGE_QUANTITY;
import static com.marketplacebilling.billing.FulfillmentAction.LICENSES_ASSIGNED;
import static com.marketplacebilling.billing.FulfillmentAction.SUSPEND;
import static com.marketplacebilling.billing.FulfillmentAction.UNSUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R16: the commerce view compared with the publisher's at the end of every business date. */
class ReconciliationRulesTest {

    private static final OperationStatus OK = OperationStatus.SUCCEEDED;

    /** 10 seats of plan pro, both views agreeing from 2025-03-10. */
    private static Facts agreeing() {
        return Facts.subscription("2025-03-10T08:00:00Z").version("2025-03-10T08:00:00Z")
                .eventWith("la", LICENSES_ASSIGNED, "2025-03-10T09:00:00Z", OK, "", 10)
                .eventWith("ac", ACTIVATE, "2025-03-10T09:00:00Z", OK, "pro", null);
    }

    @Test
    @DisplayName("R16: agreeing views raise nothing")
    void agreeingViews() {
        assertThat(Show.codes(agreeing().nights("2025-03-10", "2025-04-15"))).isEmpty();
    }

    @Test
    @DisplayName("R16: QUANTITY_MISMATCH (WARNING) on every run while the seats differ, with commerce as Expected and publisher as Actual; gone once they agree")
    void quantityMismatchEveryRun() {
        Facts f = agreeing().quantity(12).version("2025-03-20T10:00:00Z")
                .eventWith("cq", CHANGE_QUANTITY, "2025-03-23T10:00:00Z", OK, "", 12);
        List<BillingResult> nights = f.nights("2025-03-19", "2025-03-24");
        assertThat(nights).extracting(r -> Show.codes(r).size()).containsExactly(0, 1, 1, 1, 0, 0);
        BillingException first = nights.get(1).exceptions().get(0);
        assertThat(first.code()).isEqualTo(ExceptionCode.QUANTITY_MISMATCH);
        assertThat(first.severity()).isEqualTo(Severity.WARNING);
        assertThat(first.expected()).isEqualTo("12");
        assertThat(first.actual()).isEqualTo("10");
        assertThat(nights.get(2).exceptions().get(0).exceptionId()).as("one exception per date")
                .isNotEqualTo(first.exceptionId());
    }

    @Test
    @DisplayName("R16: PLAN_MISMATCH while the publisher reports another plan")
    void planMismatch() {
        Facts f = agreeing().eventWith("cp", CHANGE_PLAN, "2025-03-20T10:00:00Z", OK, "enterprise", null);
        List<BillingResult> nights = f.nights("2025-03-20", "2025-03-21");
        assertThat(Show.codes(nights)).containsExactly(ExceptionCode.PLAN_MISMATCH, ExceptionCode.PLAN_MISMATCH);
        assertThat(nights.get(0).exceptions().get(0).expected()).isEqualTo("pro");
        assertThat(nights.get(0).exceptions().get(0).actual()).isEqualTo("enterprise");
    }

    @Test
    @DisplayName("R16: STATUS_MISMATCH when the publisher suspended but commerce still says active; gone when commerce follows")
    void statusMismatch() {
        Facts f = agreeing().eventWith("su", SUSPEND, "2025-03-20T10:00:00Z", OK, "", null)
                .status(CommerceStatus.SUSPENDED).version("2025-03-22T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-20", "2025-03-23");
        assertThat(nights).extracting(r -> Show.codes(r).size()).containsExactly(1, 1, 0, 0);
        BillingException e = nights.get(0).exceptions().get(0);
        assertThat(e.code()).isEqualTo(ExceptionCode.STATUS_MISMATCH);
        assertThat(e.expected()).isEqualTo("active (Subscribed)");
        assertThat(e.actual()).isEqualTo("Suspended");
    }

    @Test
    @DisplayName("R16: a failed ChangeQuantity does not change the publisher's view")
    void failedEventsDoNotCount() {
        Facts f = agreeing().eventWith("cq", CHANGE_QUANTITY, "2025-03-20T10:00:00Z", OperationStatus.FAILED, "", 30);
        assertThat(Show.codes(f.nights("2025-03-20", "2025-03-21")))
                .containsExactly(ExceptionCode.FULFILLMENT_FAILED);
    }

    @Test
    @DisplayName("R16: nothing is compared before the publisher activated the subscription")
    void notBeforeActivation() {
        Facts f = Facts.subscription("2025-03-10T08:00:00Z").quantity(12).version("2025-03-10T08:00:00Z")
                .eventWith("la", LICENSES_ASSIGNED, "2025-03-10T09:00:00Z", OK, "", 10);
        assertThat(Show.codes(f.nights("2025-03-10", "2025-03-12"))).isEmpty();
    }

    @Test
    @DisplayName("R16: no more comparisons after the subscription ended (cancelled in window, publisher never unsubscribed)")
    void notAfterTheEnd() {
        Facts f = agreeing().cancel("2025-03-11T10:00:00Z");
        List<BillingResult> nights = f.nights("2025-03-10", "2025-03-20");
        assertThat(Show.codes(nights)).as("only on the last day, 03-11").containsExactly(ExceptionCode.STATUS_MISMATCH);
        assertThat(nights.get(1).exceptions()).extracting(BillingException::code)
                .containsExactly(ExceptionCode.STATUS_MISMATCH);
    }

    @Test
    @DisplayName("R16: an ended term (auto-renew off) is no longer compared from the day after its end")
    void notAfterTermEnd() {
        Facts f = agreeing().autoRenew(false).version("2025-03-15T10:00:00Z")
                .eventWith("cq", CHANGE_QUANTITY, "2025-03-20T10:00:00Z", OK, "", 30);
        List<BillingResult> nights = f.nights("2025-03-20", "2025-04-15");
        // 03-20 .. 04-09 is 21 days of the term
        assertThat(Show.codes(nights)).hasSize(21).containsOnly(ExceptionCode.QUANTITY_MISMATCH);
    }

    @Test
    @DisplayName("R16: commerce cancelled and publisher Unsubscribed agree")
    void cancelledAgreesWithUnsubscribed() {
        Facts f = agreeing().cancel("2025-03-20T10:00:00Z").eventWith("un", UNSUBSCRIBE, "2025-03-20T11:00:00Z",
                OK, "", null);
        assertThat(Show.codes(f.nights("2025-03-20", "2025-03-25")))
                .containsExactly(ExceptionCode.CANCELLED_OUTSIDE_WINDOW);
    }
}
