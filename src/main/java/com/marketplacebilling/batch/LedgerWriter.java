package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingResult;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.ledger.DueSetPlanner;
import com.marketplacebilling.ledger.OutcomeStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores what the billing core emitted for a chunk of subscriptions, as billed by the run of the date, and when
 * each is next due, in the chunk's transaction.
 */
public class LedgerWriter implements ItemWriter<BillingResult> {
    private final OutcomeStore outcomes;
    private final DueSetPlanner dueSet;
    private final LocalDate billedOn;

    public LedgerWriter(OutcomeStore outcomes, DueSetPlanner dueSet, LocalDate billedOn) {
        this.outcomes = outcomes;
        this.dueSet = dueSet;
        this.billedOn = billedOn;
    }

    @Override
    public void write(Chunk<? extends BillingResult> chunk) {
        List<InvoiceLine> lines = new ArrayList<>();
        List<LineExplanation> explanations = new ArrayList<>();
        List<BillingException> exceptions = new ArrayList<>();
        List<String> ids = new ArrayList<>(chunk.size());
        List<LocalDate> nextDue = new ArrayList<>(chunk.size());
        for (BillingResult r : chunk) {
            lines.addAll(r.lines());
            explanations.addAll(r.explanations());
            exceptions.addAll(r.exceptions());
            ids.add(r.subscriptionId());
            nextDue.add(r.nextReview());
        }
        outcomes.storeLines(lines, explanations, billedOn);
        outcomes.storeExceptions(exceptions);
        dueSet.recordReviews(ids, nextDue, billedOn);
    }
}
