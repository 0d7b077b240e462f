package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.feed.ParsedRow;
import com.marketplacebilling.ledger.OutcomeStore;
import com.marketplacebilling.ledger.RunRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores a chunk of parsed rows: accepted values, their warnings and the malformed-row exceptions, and the
 * reader's counts, all in the chunk's transaction (so the counts always describe what is stored).
 */
public class FeedRowWriter<T> implements ItemWriter<ParsedRow<T>> {
    private final OutcomeStore outcomes;
    private final RunRegistry registry;
    private final FeedItemReader<T> reader;
    private final Consumer<List<T>> store;
    private final LocalDate businessDate;
    private final String fileName;

    public FeedRowWriter(OutcomeStore outcomes, RunRegistry registry, FeedItemReader<T> reader, Consumer<List<T>> store,
                         LocalDate businessDate, String fileName) {
        this.outcomes = outcomes;
        this.registry = registry;
        this.reader = reader;
        this.store = store;
        this.businessDate = businessDate;
        this.fileName = fileName;
    }

    @Override
    public void write(Chunk<? extends ParsedRow<T>> chunk) {
        List<T> values = new ArrayList<>(chunk.size());
        List<BillingException> exceptions = new ArrayList<>();
        for (ParsedRow<T> row : chunk) {
            if (row instanceof ParsedRow.Accepted<T> a) {
                values.add(a.value());
                exceptions.addAll(a.warnings());
            } else if (row instanceof ParsedRow.Rejected<T> r) {
                exceptions.add(r.defect());
            }
        }
        store.accept(values);
        outcomes.storeExceptions(exceptions);
        registry.recordCounts(businessDate, fileName, reader.rowsRead(), reader.malformed());
    }
}
