package com.marketplacebilling.billing;

import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * What a rule family proposes from a subscription's facts (as Kill Bill's item generators propose invoice items):
 * every line that should be billed by the end of the business date, exceptions, and dates to look again.
 * {@link BilledLines} then subtracts what is already billed and raised.
 */
sealed interface ProposedItem {

    /** A line due, with its explanation (built only for the lines this run adds: most are billed already). */
    record Line(InvoiceLine line, Supplier<LineExplanation> explanation) implements ProposedItem {}

    /** An exception the facts call for. */
    record Raised(Finding finding) implements ProposedItem {}

    /** A later date on which the outcome may change without new facts (dates up to today are accounted for). */
    record ReviewOn(LocalDate date) implements ProposedItem {}
}
