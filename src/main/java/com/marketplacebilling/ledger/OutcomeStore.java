package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import java.time.LocalDate;
import java.util.List;

/**
 * What the runs emit: invoice lines (with their explanations) and exceptions. Every write is idempotent (keyed
 * inserts that ignore a row already there), so a chunk replayed after a crash changes nothing.
 */
public interface OutcomeStore {
    /**
     * Stores lines billed by the run of {@code billedOn} with their explanations (the same order as {@code lines};
     * null: not recorded), each in the line's own row.
     */
    void storeLines(List<InvoiceLine> lines, List<LineExplanation> explanations, LocalDate billedOn);

    void storeExceptions(List<BillingException> exceptions);
}
