package com.marketplacebilling.billing;

import java.time.Instant;

/** One row of the fulfillment feed. {@code planId} is empty and {@code quantity} null when not given. */
public record FulfillmentEvent(
        String eventId,
        String subscriptionId,
        String publisherId,
        FulfillmentAction action,
        Instant occurredAt,
        String planId,
        Integer quantity,
        OperationStatus status,
        SourceRef source) {

    /** True when the other row is the same operation with everything but status and occurred_at equal. */
    public boolean sameOperationAs(FulfillmentEvent o) {
        return eventId.equals(o.eventId) && subscriptionId.equals(o.subscriptionId)
                && publisherId.equals(o.publisherId) && action == o.action && planId.equals(o.planId)
                && java.util.Objects.equals(quantity, o.quantity);
    }

    public boolean sameContentAs(FulfillmentEvent o) {
        return sameOperationAs(o) && occurredAt.equals(o.occurredAt) && status == o.status;
    }
}
