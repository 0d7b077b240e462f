package com.marketplacebilling.batch;

import com.marketplacebilling.ledger.SubscriptionSlice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the bill step into {@code gridSize} consecutive ranges of subscription ids, about equal in due
 * subscriptions ({@link SubscriptionSlice}). A partition's whole input is its two bounds, so the same partitioner
 * serves local threads now and remote workers later; a restarted partition keeps the range it had (Batch restores
 * its stored context), so no subscription is billed by two partitions of one run.
 */
public class SubscriptionSlicePartitioner implements Partitioner {
    static final String FROM = "slice.from";
    static final String TO = "slice.to";
    public static final String COUNT = "slice.count";

    /** For a number of parts, the ids that separate them (in order; fewer when there are few subscriptions). */
    private final IntFunction<List<String>> splits;

    public SubscriptionSlicePartitioner(IntFunction<List<String>> splits) {
        this.splits = splits;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<String> bounds = gridSize > 1 ? splits.apply(gridSize) : List.of();
        Map<String, ExecutionContext> slices = new LinkedHashMap<>();
        for (int i = 0; i <= bounds.size(); i++) {
            ExecutionContext ctx = new ExecutionContext();
            if (i > 0) ctx.putString(FROM, bounds.get(i - 1));
            if (i < bounds.size()) ctx.putString(TO, bounds.get(i));
            ctx.putInt(COUNT, bounds.size() + 1);
            slices.put("slice" + i, ctx);
        }
        return slices;
    }

    /** The slice a partition's context describes. */
    static SubscriptionSlice slice(ExecutionContext ctx) {
        return new SubscriptionSlice(ctx.containsKey(FROM) ? ctx.getString(FROM) : null,
                ctx.containsKey(TO) ? ctx.getString(TO) : null);
    }
}
