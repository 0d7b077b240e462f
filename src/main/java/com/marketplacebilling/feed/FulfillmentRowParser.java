package com.marketplacebilling.feed;

import static com.marketplacebilling.feed.FeedHeaders.*;

import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.OperationStatus;
import com.marketplacebilling.billing.SourceRef;

import java.time.Instant;
import java.util.List;

/** Column rules of fulfillment-events.csv (feeds.md, Input 2), checked in the order of the contract's table. */
final class FulfillmentRowParser implements RowParser<FulfillmentEvent> {

    @Override
    public String fileName() {
        return SourceRef.FULFILLMENT_FILE;
    }

    @Override
    public List<String> columns() {
        return FULFILLMENT_COLUMNS;
    }

    @Override
    public List<String> required() {
        return FULFILLMENT_REQUIRED;
    }

    @Override
    public FulfillmentEvent parse(Row row) {
        String eventId = row.text(EVENT_ID, 1, 64);
        String subscriptionId = row.id(SUBSCRIPTION_ID);
        String publisherId = row.text(PUBLISHER_ID, 1, 64);
        FulfillmentAction action = row.choice(ACTION, FulfillmentAction::parse,
                "must be LicensesAssigned, Activate, ChangePlan, ChangeQuantity, Suspend, Reinstate, Unsubscribe"
                        + " or Renew (any case)",
                "LicensesAssigned|Activate|ChangePlan|ChangeQuantity|Suspend|Reinstate|Unsubscribe|Renew");
        Instant occurredAt = row.instant(OCCURRED_AT);
        row.notAfterBusinessDate(OCCURRED_AT, occurredAt);

        String planId;
        if (action.requiresPlan()) {
            if (row.get(PLAN_ID).isEmpty()) {
                throw row.fail(PLAN_ID, "is required for action " + action.feedName(), "1-64 characters", "");
            }
            planId = row.text(PLAN_ID, 1, 64);
        } else {
            // optional for the other actions: empty when absent, 1-64 characters when present
            planId = row.text(PLAN_ID, 0, 64);
        }

        Integer quantity;
        if (action.requiresQuantity()) {
            if (row.get(QUANTITY).isEmpty()) {
                throw row.fail(QUANTITY, "is required for action " + action.feedName(), "integer 1-10000000", "");
            }
            quantity = row.quantity(QUANTITY);
        } else if (action.allowsQuantity()) {
            // Activate: optional
            quantity = row.get(QUANTITY).isEmpty() ? null : row.quantity(QUANTITY);
        } else {
            // Our choice (feeds.md names quantity only "for" LicensesAssigned/ChangeQuantity/Activate): a quantity
            // on any other action is ignored, not validated, and stored as null.
            quantity = null;
        }

        OperationStatus status = row.choice(STATUS, OperationStatus::parse,
                "must be Succeeded, InProgress or Failed (any case)", "Succeeded|InProgress|Failed");

        return new FulfillmentEvent(eventId, subscriptionId, publisherId, action, occurredAt, planId, quantity,
                status, row.source);
    }
}
