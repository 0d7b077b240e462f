package com.marketplacebilling.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The term price on its own (R6, R8, R9): what a scheduled line or a change pair is priced at. */
class TermPricesTest {

    private static TermPrices prices(SubscriptionFacts f) {
        return new TermPrices(f, ChangePairs.changes(f, Cancellation.of(f)));
    }

    @Test
    @DisplayName("R8, R9: a plan change sets the price for the rest of the term, from the day after it; a price change alone does not")
    void planChangeWithinTheTerm() {
        Facts h = Facts.subscription("2025-03-10T08:00:00Z").annualBilledMonthly().price("30.00")
                .version("2025-03-10T08:00:00Z").activated("2025-03-10T09:00:00Z")
                .plan("enterprise").price("45.00").version("2025-04-20T10:00:00Z")
                .price("50.00").version("2025-05-20T10:00:00Z");
        TermPrices p = prices(FamilyFacts.asOf(h, "2025-07-01"));
        assertThat(p.onDay(LocalDate.parse("2025-04-10"))).isEqualByComparingTo("30.00");
        assertThat(p.onDay(LocalDate.parse("2025-04-20"))).as("the change of that day comes after").isEqualByComparingTo("30.00");
        assertThat(p.onDay(LocalDate.parse("2025-05-10"))).isEqualByComparingTo("45.00");
        assertThat(p.onDay(LocalDate.parse("2025-06-10"))).as("R9: not the mid-term price").isEqualByComparingTo("45.00");
        assertThat(p.atChange(0)).as("the plan change credits at the old price").isEqualByComparingTo("30.00");
        assertThat(p.atChange(1)).as("the price change keeps the plan change's").isEqualByComparingTo("45.00");
    }

    @Test
    @DisplayName("R6, R9: a mid-term price change applies from the next renewal; the new term takes the price in force at its start")
    void newTermTakesThePriceInForce() {
        Facts h = Facts.subscription("2025-03-10T08:00:00Z").price("10.00").version("2025-03-10T08:00:00Z")
                .activated("2025-03-10T09:00:00Z").price("12.00").version("2025-03-20T10:00:00Z");
        TermPrices p = prices(FamilyFacts.asOf(h, "2025-05-01"));
        assertThat(p.onDay(LocalDate.parse("2025-03-25"))).isEqualByComparingTo("10.00");
        assertThat(p.onDay(LocalDate.parse("2025-04-10"))).isEqualByComparingTo("12.00");
    }
}
