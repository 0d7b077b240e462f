package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingResult;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.ledger.Ledger;
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
    private final Ledger ledger;
    private final LocalDate billedOn;

    public LedgerWriter(Ledger ledger, LocalDate billedOn) {
        this.ledger = ledger;
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
        ledger.storeLines(lines, explanations, billedOn);
        ledger.storeExceptions(exceptions);
        ledger.recordReviews(ids, nextDue, billedOn);
    }
}
