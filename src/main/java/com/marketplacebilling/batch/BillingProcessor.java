package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingEngine;
import com.marketplacebilling.billing.BillingResult;
import com.marketplacebilling.billing.RunContext;
import com.marketplacebilling.billing.SubscriptionHistory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Runs the pure billing core on one subscription's history. */
public class BillingProcessor implements ItemProcessor<SubscriptionHistory, BillingResult> {
    private final BillingEngine engine;
    private final RunContext context;

    public BillingProcessor(BillingEngine engine, RunContext context) {
        this.engine = engine;
        this.context = context;
    }

    @Override
    public BillingResult process(SubscriptionHistory history) {
        return engine.bill(history, context);
    }
}
