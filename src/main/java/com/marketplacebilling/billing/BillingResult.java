package com.marketplacebilling.billing;

import java.util.List;

/** What a run adds for one subscription: lines and exceptions not billed or raised before. */
public record BillingResult(String subscriptionId, List<InvoiceLine> lines, List<BillingException> exceptions) {}
