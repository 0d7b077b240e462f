package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingEngine;
import com.marketplacebilling.billing.RunContext;
import com.marketplacebilling.ledger.DueSetPlanner;
import com.marketplacebilling.ledger.FactStore;
import com.marketplacebilling.ledger.HistoryStore;
import com.marketplacebilling.ledger.OutcomeStore;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.ledger.SubscriptionSlice;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The one wiring of the nightly pipeline's parts: the check, the two loads, the bill step's reader, processor and
 * writer. The job's step beans ({@link NightlyBillingJobConfiguration}) are made here, and so are those of a
 * preview ({@link InlineRun}) and of a recomputation, so the three can never drift apart.
 */
public class BillingPipeline {
    private final FactStore facts;
    private final OutcomeStore outcomes;
    private final DueSetPlanner dueSet;
    private final HistoryStore histories;
    private final RunRegistry registry;

    public BillingPipeline(FactStore facts, OutcomeStore outcomes, DueSetPlanner dueSet, HistoryStore histories,
                           RunRegistry registry) {
        this.facts = facts;
        this.outcomes = outcomes;
        this.dueSet = dueSet;
        this.histories = histories;
        this.registry = registry;
    }

    public CheckFeedsTasklet checkFeeds(Path inbox, LocalDate date) {
        return new CheckFeedsTasklet(outcomes, registry, inbox.resolve(date.toString()), date);
    }

    public <T> FeedItemReader<T> feedReader(FeedLoad<T> feed, Path inbox, LocalDate date) {
        Path file = inbox.resolve(date.toString()).resolve(feed.file());
        return new FeedItemReader<>(feed.readerName(), () -> feed.parser().apply(file, date));
    }

    public <T> FeedRowWriter<T> feedWriter(FeedLoad<T> feed, FeedItemReader<T> reader, LocalDate date) {
        return new FeedRowWriter<>(outcomes, registry, reader, rows -> feed.store().accept(facts, rows), date,
                feed.file());
    }

    /** Once before a commerce load step: see {@link FactStore#deferIndexesIfEmpty()}. */
    public void beforeCommerceLoad() { facts.deferIndexesIfEmpty(); }

    /**
     * Once before a bill step (all its slices): the fact indexes a first night's load deferred are built
     * ({@link FactStore#restoreIndexes()}), then {@link DueSetPlanner#prepareBilling()}; each runs its statements
     * side by side (D50).
     */
    public void prepareBilling() {
        facts.restoreIndexes();
        dueSet.prepareBilling();
    }

    /** Bounds that cut the subscriptions due by {@code date} into about {@code parts} slices. */
    public List<String> sliceBounds(LocalDate date, int parts) { return dueSet.dueIdSplits(date, parts); }

    /** Subscriptions the bill step of {@code date} reviews (for progress reports). */
    public long dueCount(LocalDate date) { return dueSet.dueCount(date); }

    /** The histories a run of {@code date} bills: the slice's subscriptions due by then. */
    public SubscriptionHistoryReader dueHistories(LocalDate date, SubscriptionSlice slice) {
        return SubscriptionHistoryReader.due(dueSet, histories, date, slice, NightlyBillingJobConfiguration.BILL_CHUNK);
    }

    /** Every subscription's history as the first run of a completed {@code date} saw it (to recompute it). */
    public SubscriptionHistoryReader historiesToRecompute(LocalDate date) {
        return SubscriptionHistoryReader.recomputing(dueSet, histories, date, NightlyBillingJobConfiguration.BILL_CHUNK);
    }

    public BillingProcessor processor(RunContext context) { return new BillingProcessor(new BillingEngine(), context); }

    /** The processor of a date whose run is recorded (its context is the one its first attempt used). */
    public BillingProcessor processor(LocalDate date) { return processor(registry.find(date).context()); }

    public LedgerWriter ledgerWriter(LocalDate date) { return new LedgerWriter(outcomes, dueSet, date); }
}
