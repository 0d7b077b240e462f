package com.marketplacebilling.feed;

import com.marketplacebilling.billing.BillingException;

import java.util.List;

/** The outcome of reading one data record of a feed: an accepted value (maybe with warnings) or a defect. */
public sealed interface ParsedRow<T> permits ParsedRow.Accepted, ParsedRow.Rejected {

    /** The row is valid; {@code warnings} are INVALID_* exceptions for values that were blanked. */
    record Accepted<T>(T value, List<BillingException> warnings) implements ParsedRow<T> {
        public Accepted {
            warnings = List.copyOf(warnings);
        }
    }

    /** The row breaks the contract; {@code defect} is its MALFORMED_ROW exception. */
    record Rejected<T>(BillingException defect) implements ParsedRow<T> {}
}
