package com.marketplacebilling.billing;

import static com.marketplacebilling.billing.Instants.dateOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * R6, R8, R9: the unit price a term bills at. A term takes the price in force when it starts (the first term the
 * price at the end of S); a plan change replaces it for the rest of the term; a price change alone does not.
 */
final class TermPrices {
    private final SubscriptionFacts facts;
    private final List<CommerceVersion> changes;

    /** @param changes the versions effective after S, in effect order ({@link ChangePairs#changes}) */
    TermPrices(SubscriptionFacts facts, List<CommerceVersion> changes) {
        this.facts = facts;
        this.changes = changes;
    }

    /** The price of a scheduled line due on {@code day}: changes of that day come after it. */
    BigDecimal onDay(LocalDate day) {
        int before = 0;
        while (before < changes.size() && dateOf(changes.get(before).updatedAt()).isBefore(day)) before++;
        return price(day, before);
    }

    /** The price when change {@code i} applies: every change before it (the same day's included) has applied. */
    BigDecimal atChange(int i) {
        return price(dateOf(changes.get(i).updatedAt()), i);
    }

    private BigDecimal price(LocalDate day, int changesBefore) {
        ChargeCycle term = facts.schedule().termOn(day);
        CommerceTimeline commerce = facts.commerce();
        BigDecimal price = term.index() == 0 ? commerce.stateAtEndOf(facts.billingStart()).unitPrice()
                : commerce.stateAtStartOf(term.start()).unitPrice();
        for (int k = 0; k < changesBefore; k++) {
            CommerceVersion v = changes.get(k);
            boolean planChanged = !commerce.previous(v).planId().equals(v.planId());
            if (planChanged && !dateOf(v.updatedAt()).isBefore(term.start())) price = v.unitPrice();
        }
        return price;
    }
}
