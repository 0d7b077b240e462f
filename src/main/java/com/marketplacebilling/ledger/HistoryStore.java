package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.SubscriptionHistory;
import java.time.LocalDate;
import java.util.List;

/** What the billing core reads: a page of subscriptions' histories (facts, lines billed, exceptions raised). */
public interface HistoryStore {
    /**
     * The histories of the given subscriptions as known at the end of {@code asOf}, with every line billed and
     * exception raised, in the order of {@code ids}.
     */
    List<SubscriptionHistory> histories(List<String> ids, LocalDate asOf);

    /**
     * The histories as the first run of {@code date} saw them (to recompute it): the facts known at its end, the
     * lines billed and exceptions raised by the runs before it, in the order of {@code ids}.
     */
    List<SubscriptionHistory> historiesBefore(List<String> ids, LocalDate date);
}
