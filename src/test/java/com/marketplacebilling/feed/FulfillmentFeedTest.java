package com.marketplacebilling.feed;

import static com.marketplacebilling.feed.Feeds.D;
import static com.marketplacebilling.feed.Feeds.accepted;
import static com.marketplacebilling.feed.Feeds.fulfillmentRow;
import static com.marketplacebilling.feed.Feeds.rejected;
import static com.marketplacebilling.feed.Feeds.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.Hashes;
import com.marketplacebilling.billing.OperationStatus;
import com.marketplacebilling.billing.SourceRef;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Row rules of fulfillment-events.csv (feeds.md, Input 2). */
class FulfillmentFeedTest {

    @TempDir
    Path dir;

    private ParsedRow<FulfillmentEvent> single(LinkedHashMap<String, String> row) {
        List<ParsedRow<FulfillmentEvent>> rows = Feeds.fulfillment(dir, Feeds.csv(List.of(row)));
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private FulfillmentEvent accept(LinkedHashMap<String, String> row) {
        return accepted(single(row));
    }

    private BillingException reject(LinkedHashMap<String, String> row, String column) {
        BillingException e = rejected(single(row));
        assertEquals(ExceptionCode.MALFORMED_ROW, e.code());
        assertTrue(e.message().startsWith("column \"" + column + "\": "), e.message());
        return e;
    }

    private static LinkedHashMap<String, String> action(String action, String planId, String quantity) {
        return with(with(with(fulfillmentRow(), "action", action), "plan_id", planId), "quantity", quantity);
    }

    @Test
    void validFileParsesToExpectedRecords() {
        List<ParsedRow<FulfillmentEvent>> rows = Feeds.fulfillment(dir, Feeds.csv(List.of(
                fulfillmentRow(),
                with(action("Activate", "plan-pro", ""), "event_id", "evt 2/\"x\""),
                with(with(action("suspend", "", ""), "status", "failed"), "occurred_at", "2026-11-24T01:00:00+02:00"))));
        assertEquals(3, rows.size());
        assertEquals(new FulfillmentEvent("evt-001", "sub-001", "pub-1", FulfillmentAction.CHANGE_QUANTITY,
                Instant.parse("2026-11-24T09:30:00Z"), "", 12, OperationStatus.SUCCEEDED,
                new SourceRef(D, "fulfillment-events.csv", 2)), accepted(rows.get(0)));
        assertEquals(new FulfillmentEvent("evt 2/\"x\"", "sub-001", "pub-1", FulfillmentAction.ACTIVATE,
                Instant.parse("2026-11-24T09:30:00Z"), "plan-pro", null, OperationStatus.SUCCEEDED,
                new SourceRef(D, "fulfillment-events.csv", 3)), accepted(rows.get(1)));
        assertEquals(new FulfillmentEvent("evt-001", "sub-001", "pub-1", FulfillmentAction.SUSPEND,
                Instant.parse("2026-11-23T23:00:00Z"), "", null, OperationStatus.FAILED,
                new SourceRef(D, "fulfillment-events.csv", 4)), accepted(rows.get(2)));
    }

    @Test
    void eventIdIs1To64Chars() {
        assertEquals("e".repeat(64), accept(with(fulfillmentRow(), "event_id", "e".repeat(64))).eventId());
        reject(with(fulfillmentRow(), "event_id", "e".repeat(65)), "event_id");
        reject(with(fulfillmentRow(), "event_id", ""), "event_id");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"-sub", "", "sub 1", "sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss"})
    void subscriptionIdFollowsTheIdRule(String id) {
        reject(with(fulfillmentRow(), "subscription_id", id), "subscription_id");
    }

    @Test
    void publisherIdIs1To64Chars() {
        accept(with(fulfillmentRow(), "publisher_id", "p".repeat(64)));
        reject(with(fulfillmentRow(), "publisher_id", "p".repeat(65)), "publisher_id");
        reject(with(fulfillmentRow(), "publisher_id", ""), "publisher_id");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Delete", "", "Change Quantity", " Renew"})
    void actionMustBeAKnownOperation(String a) {
        reject(with(fulfillmentRow(), "action", a), "action");
    }

    @Test
    void actionAndStatusAreMatchedCaseInsensitively() {
        FulfillmentEvent e = accept(with(with(fulfillmentRow(), "action", "CHANGEQUANTITY"), "status", "inprogress"));
        assertEquals(FulfillmentAction.CHANGE_QUANTITY, e.action());
        assertEquals(OperationStatus.IN_PROGRESS, e.status());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Done", "", "Succeeded "})
    void statusMustBeSucceededInProgressOrFailed(String s) {
        reject(with(fulfillmentRow(), "status", s), "status");
    }

    @Test
    void occurredAtNeedsAnOffsetAndNotAfterTheEndOfD() {
        reject(with(fulfillmentRow(), "occurred_at", "2026-11-24T09:30:00"), "occurred_at");
        reject(with(fulfillmentRow(), "occurred_at", "2026-11-25T00:00:00Z"), "occurred_at");
        assertEquals(Instant.parse("2026-11-24T23:59:59Z"),
                accept(with(fulfillmentRow(), "occurred_at", "2026-11-24T23:59:59Z")).occurredAt());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Activate", "ChangePlan"})
    void planIdRequiredForActivateAndChangePlan(String a) {
        BillingException e = reject(action(a, "", "5"), "plan_id");
        assertEquals("column \"plan_id\": is required for action " + a, e.message());
        assertEquals("plan-x", accept(action(a, "plan-x", "5")).planId());
        reject(action(a, "p".repeat(65), "5"), "plan_id");
    }

    @Test
    void planIdOptionalForOtherActions() {
        assertEquals("", accept(action("Suspend", "", "")).planId());
        assertEquals("plan-x", accept(action("Renew", "plan-x", "")).planId());
        reject(action("Renew", "p".repeat(65), ""), "plan_id");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LicensesAssigned", "ChangeQuantity"})
    void quantityRequiredForLicensesAssignedAndChangeQuantity(String a) {
        reject(action(a, "", ""), "quantity");
        assertEquals(10_000_000, accept(action(a, "", "10000000")).quantity());
        assertEquals(1, accept(action(a, "", "1")).quantity());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0", "10000001", "-1", "1e3", "NaN", " 5", "2.0"})
    void quantityMustBeAnIntegerFrom1To10Million(String q) {
        BillingException e = reject(action("ChangeQuantity", "", q), "quantity");
        assertEquals("column \"quantity\": must be an integer from 1 to 10,000,000 (digits only)", e.message());
        reject(action("Activate", "plan-x", q), "quantity");
    }

    @Test
    void quantityOptionalForActivate() {
        assertNull(accept(action("Activate", "plan-x", "")).quantity());
        assertEquals(25, accept(action("Activate", "plan-x", "25")).quantity());
    }

    @Test
    void quantityOnOtherActionsIsIgnored() {
        assertNull(accept(action("Suspend", "", "12")).quantity());
        assertNull(accept(action("Unsubscribe", "", "not a number")).quantity());
    }

    @Test
    void malformedRowExceptionCarriesEventAndSubscription() {
        BillingException e = reject(with(fulfillmentRow(), "quantity", "0"), "quantity");
        assertEquals(Hashes.id("E-", "2026-11-24", "MALFORMED_ROW", "fulfillment-events.csv", "2"), e.exceptionId());
        assertEquals("evt-001", e.eventId());
        assertEquals("sub-001", e.subscriptionId());
        assertEquals("", e.customerId());
        assertEquals("fulfillment-events.csv", e.sourceFile());
        assertEquals(2, e.sourceLine());
        assertEquals("0", e.actual());
    }
}
