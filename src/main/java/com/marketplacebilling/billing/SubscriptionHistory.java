package com.marketplacebilling.billing;

import java.util.List;
import java.util.Set;

/**
 * Everything known about one subscription at the end of the business date: every stored commerce version
 * and fulfillment row (any order), every line already billed, and the ids of exceptions already raised.
 */
public record SubscriptionHistory(
        String subscriptionId,
        List<CommerceVersion> versions,
        List<FulfillmentEvent> events,
        List<InvoiceLine> billedLines,
        Set<String> raisedExceptionIds) {}
