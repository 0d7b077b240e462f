package com.marketplacebilling.batch;

import com.marketplacebilling.billing.SubscriptionHistory;
import com.marketplacebilling.ledger.DueSetPlanner;
import com.marketplacebilling.ledger.HistoryStore;
import com.marketplacebilling.ledger.SubscriptionSlice;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The histories of one slice's subscriptions due on the business date (new facts, never billed, or a date the
 * billing core named has come: {@link DueSetPlanner#subscriptionIdsAfter}) in binary id order, loaded a page at a time
 * with one query per table (no per-subscription round trips). A recomputation ({@code excludeBilledFrom}) reads
 * every subscription. The last id handed out is saved with each chunk: a restart resumes after it.
 * {@link DueSetPlanner#prepareBilling()} must have run first.
 */
public class SubscriptionHistoryReader implements ItemStreamReader<SubscriptionHistory> {
    private static final String LAST_ID = "history.lastId";
    private final DueSetPlanner dueSet;
    private final HistoryStore histories;
    private final LocalDate asOf;
    private final LocalDate excludeBilledFrom;
    private final SubscriptionSlice slice;
    private final int pageSize;
    private final Deque<SubscriptionHistory> page = new ArrayDeque<>();
    private String fetchedUpTo;
    private String lastReturned;
    private boolean exhausted;

    /**
     * @param excludeBilledFrom lines and exceptions stored by runs from this date on are treated as not yet
     *                          billed (a recomputation of that date); null for a normal run
     */
    public SubscriptionHistoryReader(DueSetPlanner dueSet, HistoryStore histories, LocalDate asOf, LocalDate excludeBilledFrom,
                                     SubscriptionSlice slice, int pageSize) {
        this.dueSet = dueSet;
        this.histories = histories;
        this.asOf = asOf;
        this.excludeBilledFrom = excludeBilledFrom;
        this.slice = slice;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext ctx) {
        lastReturned = ctx.containsKey(LAST_ID) ? ctx.getString(LAST_ID) : null;
        fetchedUpTo = lastReturned;
    }

    @Override
    public SubscriptionHistory read() {
        if (page.isEmpty() && !exhausted) {
            var ids = dueSet.subscriptionIdsAfter(fetchedUpTo, excludeBilledFrom == null ? asOf : null, slice,
                    pageSize);
            if (ids.size() < pageSize) exhausted = true;
            if (!ids.isEmpty()) {
                fetchedUpTo = ids.get(ids.size() - 1);
                page.addAll(histories.histories(ids, asOf, excludeBilledFrom));
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
