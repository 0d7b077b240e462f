package com.marketplacebilling.billing;

import java.time.LocalDate;

/**
 * One row of exceptions.csv. Text fields are empty strings when absent; {@code sourceLine} is 0 when the
 * exception is not about one row.
 */
public record BillingException(
        String exceptionId,
        LocalDate businessDate,
        ExceptionCode code,
        String subscriptionId,
        String customerId,
        String sourceFile,
        long sourceLine,
        String eventId,
        String message,
        String expected,
        String actual) {

    public Severity severity() { return code.severity(); }
}
