package com.marketplacebilling.batch;

import com.marketplacebilling.billing.SubscriptionHistory;
import com.marketplacebilling.ledger.DueSetPlanner;
import com.marketplacebilling.ledger.HistoryStore;
import com.marketplacebilling.ledger.SubscriptionSlice;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The histories of one slice's subscriptions due on the business date (new facts, never billed, or a date the
 * billing core named has come: {@link DueSetPlanner#dueIdsAfter}) in binary id order, loaded a page at a time
 * with one query per table (no per-subscription round trips). A recomputation reads every
 * subscription. The last id handed out is saved with each chunk: a restart resumes after it.
 * {@link DueSetPlanner#prepareBilling()} must have run first.
 */
public class SubscriptionHistoryReader implements ItemStreamReader<SubscriptionHistory> {
    private static final String LAST_ID = "history.lastId";
    /** The next page of ids after the given one (null: from the start), at most the given number. */
    private final BiFunction<String, Integer, List<String>> nextIds;
    private final Function<List<String>, List<SubscriptionHistory>> load;
    private final int pageSize;
    private final Deque<SubscriptionHistory> page = new ArrayDeque<>();
    private String fetchedUpTo;
    private String lastReturned;
    private boolean exhausted;

    // protected: the step scope proxies the reader with a subclass (CGLIB accepts no package-private constructor)
    protected SubscriptionHistoryReader(BiFunction<String, Integer, List<String>> nextIds,
                                      Function<List<String>, List<SubscriptionHistory>> load, int pageSize) {
        this.nextIds = nextIds;
        this.load = load;
        this.pageSize = pageSize;
    }

    /** The histories a normal run of {@code date} bills: the slice's subscriptions due by then. */
    public static SubscriptionHistoryReader due(DueSetPlanner dueSet, HistoryStore histories, LocalDate date,
                                                SubscriptionSlice slice, int pageSize) {
        return new SubscriptionHistoryReader((after, limit) -> dueSet.dueIdsAfter(after, date, slice, limit),
                ids -> histories.histories(ids, date), pageSize);
    }

    /**
     * Every subscription's history as the first run of {@code date} saw it: lines and exceptions stored by runs
     * from {@code date} on are treated as not yet billed (a recomputation of that date).
     */
    public static SubscriptionHistoryReader recomputing(DueSetPlanner dueSet, HistoryStore histories, LocalDate date,
                                                        int pageSize) {
        return new SubscriptionHistoryReader((after, limit) -> dueSet.idsAfter(after, SubscriptionSlice.ALL, limit),
                ids -> histories.historiesBefore(ids, date), pageSize);
    }

    @Override
    public void open(ExecutionContext ctx) {
        lastReturned = ctx.containsKey(LAST_ID) ? ctx.getString(LAST_ID) : null;
        fetchedUpTo = lastReturned;
    }

    @Override
    public SubscriptionHistory read() {
        if (page.isEmpty() && !exhausted) {
            List<String> ids = nextIds.apply(fetchedUpTo, pageSize);
            if (ids.size() < pageSize) exhausted = true;
            if (!ids.isEmpty()) {
                fetchedUpTo = ids.get(ids.size() - 1);
                page.addAll(load.apply(ids));
            }
        }
        SubscriptionHistory next = page.poll();
        if (next != null) lastReturned = next.subscriptionId();
        return next;
    }

    @Override
    public void update(ExecutionContext ctx) {
        if (lastReturned != null) ctx.putString(LAST_ID, lastReturned);
    }
}
