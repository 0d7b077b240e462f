package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingEngine;
import com.marketplacebilling.billing.RunContext;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.feed.FeedReader;
import com.marketplacebilling.ledger.DueSetPlanner;
import com.marketplacebilling.ledger.FactStore;
import com.marketplacebilling.ledger.HistoryStore;
import com.marketplacebilling.ledger.OutcomeStore;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.ledger.SubscriptionSlice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The nightly job's check, load and bill steps with the very same readers, processor and writers, run in the
 * caller's transaction and without the job repository. Preview runs it and rolls the transaction back.
 */
public final class InlineRun {
    private InlineRun() {}

    public static void checkLoadAndBill(FactStore facts, OutcomeStore outcomes, DueSetPlanner dueSet, HistoryStore histories,
                                        RunRegistry registry, Path inbox, RunContext ctx)
            throws Exception {
        var date = ctx.businessDate();
        Path folder = inbox.resolve(date.toString());
        new CheckFeedsTasklet(outcomes, registry, folder, date).checkBoth();
        FeedItemReader<com.marketplacebilling.billing.CommerceVersion> commerce = new FeedItemReader<>("commerce",
                () -> FeedReader.commerce(folder.resolve(SourceRef.COMMERCE_FILE), date));
        drain(commerce, x -> x, new FeedRowWriter<>(outcomes, registry, commerce, facts::storeVersions, date,
                SourceRef.COMMERCE_FILE), NightlyBillingJobConfiguration.LOAD_CHUNK);
        FeedItemReader<com.marketplacebilling.billing.FulfillmentEvent> fulfillment = new FeedItemReader<>(
                "fulfillment", () -> FeedReader.fulfillment(folder.resolve(SourceRef.FULFILLMENT_FILE), date));
        drain(fulfillment, x -> x, new FeedRowWriter<>(outcomes, registry, fulfillment, facts::storeEvents, date,
                SourceRef.FULFILLMENT_FILE), NightlyBillingJobConfiguration.LOAD_CHUNK);
        dueSet.prepareBilling();
        drain(new SubscriptionHistoryReader(dueSet, histories, date, null, SubscriptionSlice.ALL,
                        NightlyBillingJobConfiguration.BILL_CHUNK),
                new BillingProcessor(new BillingEngine(), ctx), new LedgerWriter(outcomes, dueSet, date),
                NightlyBillingJobConfiguration.BILL_CHUNK);
    }

    private static <I, O> void drain(ItemStreamReader<I> reader, ItemProcessor<I, O> processor, ItemWriter<O> writer,
                                     int size) throws Exception {
        reader.open(new ExecutionContext());
        try {
            List<O> items = new ArrayList<>(size);
            for (I item; (item = reader.read()) != null; ) {
                items.add(processor.process(item));
                if (items.size() == size) {
                    writer.write(new Chunk<>(items));
                    items = new ArrayList<>(size);
                }
            }
            writer.write(new Chunk<>(items));
        } finally {
            reader.close();
        }
    }
}
