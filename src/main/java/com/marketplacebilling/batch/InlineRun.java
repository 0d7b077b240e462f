package com.marketplacebilling.batch;

import com.marketplacebilling.billing.RunContext;
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
 * The nightly job's check, load and bill steps with the very same parts (from the job's {@link BillingPipeline}),
 * run in the caller's transaction and without the job repository. Preview runs it and rolls the transaction back.
 */
public final class InlineRun {
    private InlineRun() {}

    public static void checkLoadAndBill(BillingPipeline pipeline, Path inbox, RunContext ctx) throws Exception {
        var date = ctx.businessDate();
        pipeline.checkFeeds(inbox, date).checkBoth();
        load(pipeline, FeedLoad.COMMERCE, inbox, ctx);
        load(pipeline, FeedLoad.FULFILLMENT, inbox, ctx);
        pipeline.prepareBilling();
        drain(pipeline.dueHistories(date, SubscriptionSlice.ALL), pipeline.processor(ctx), pipeline.ledgerWriter(date),
                NightlyBillingJobConfiguration.BILL_CHUNK);
    }

    private static <T> void load(BillingPipeline pipeline, FeedLoad<T> feed, Path inbox, RunContext ctx)
            throws Exception {
        FeedItemReader<T> reader = pipeline.feedReader(feed, inbox, ctx.businessDate());
        drain(reader, x -> x, pipeline.feedWriter(feed, reader, ctx.businessDate()), NightlyBillingJobConfiguration.LOAD_CHUNK);
    }

    /** Reads every item, processes it and writes the results in chunks of {@code size}, as a chunk step would. */
    public static <I, O> void drain(ItemStreamReader<I> reader, ItemProcessor<I, O> processor, ItemWriter<O> writer,
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
