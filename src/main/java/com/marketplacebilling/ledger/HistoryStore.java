package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.SubscriptionHistory;
import java.time.LocalDate;
import java.util.List;

/** What the billing core reads: a page of subscriptions' histories (facts, lines billed, exceptions raised). */
public interface HistoryStore {
    /**
     * The histories of the given subscriptions as known at the end of {@code asOf}, with the lines billed and
     * exceptions raised by runs before {@code excludeFrom} (null: all of them), in the order of {@code ids}.
     */
    List<SubscriptionHistory> histories(List<String> ids, LocalDate asOf, LocalDate excludeFrom);
}
