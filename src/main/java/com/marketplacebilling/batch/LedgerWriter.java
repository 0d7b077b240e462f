package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.BillingResult;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.ledger.Ledger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Stores what the billing core emitted for a chunk of subscriptions, as billed by the run of the date. */
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
        List<BillingException> exceptions = new ArrayList<>();
        for (BillingResult r : chunk) {
            lines.addAll(r.lines());
            exceptions.addAll(r.exceptions());
        }
        ledger.storeLines(lines, billedOn);
        ledger.storeExceptions(exceptions);
    }
}
