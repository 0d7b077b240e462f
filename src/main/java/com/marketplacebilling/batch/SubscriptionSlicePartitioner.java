package com.marketplacebilling.batch;

import com.marketplacebilling.ledger.SubscriptionSlice;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the bill step into {@code gridSize} hash slices of the subscriptions ({@link SubscriptionSlice}). A
 * partition's whole input is its two numbers, so the same partitioner serves local threads now and remote workers
 * later; a restarted partition keeps the slice it had (Batch restores its stored context).
 */
public class SubscriptionSlicePartitioner implements Partitioner {
    static final String INDEX = "slice.index";
    static final String COUNT = "slice.count";

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> slices = new LinkedHashMap<>();
        for (int i = 0; i < gridSize; i++) {
            ExecutionContext ctx = new ExecutionContext();
            ctx.putInt(INDEX, i);
            ctx.putInt(COUNT, gridSize);
            slices.put("slice" + i, ctx);
        }
        return slices;
    }

    static SubscriptionSlice slice(int index, int count) { return new SubscriptionSlice(index, count); }
}
