package com.marketplacebilling.billing;

import java.time.LocalDate;

/** Where a fact came from: the business date whose feed carried it, the file name and its physical line. */
public record SourceRef(LocalDate businessDate, String file, long line) {
    public static final String COMMERCE_FILE = "subscriptions.csv";
    public static final String FULFILLMENT_FILE = "fulfillment-events.csv";
}
