package com.marketplacebilling.billing;

import java.time.LocalDate;

/**
 * An exception a rule family raises about the subscription, before the run dates and addresses it: the code,
 * its id ({@link ExceptionIds}) and message; the feed row and event it is about, and Expected/Actual, when known.
 */
record Finding(ExceptionCode code, String id, String message, SourceRef source, String eventId, String expected,
               String actual) {

    static Finding of(ExceptionCode code, String id, String message) {
        return new Finding(code, id, message, null, "", "", "");
    }

    /** A verdict on one feed row, identified by the row. */
    static Finding onRow(ExceptionCode code, SourceRef row, String message) {
        return of(code, ExceptionIds.ofRow(row, code), message).at(row);
    }

    Finding at(SourceRef row) { return new Finding(code, id, message, row, eventId, expected, actual); }

    Finding event(String id) { return new Finding(code, this.id, message, source, id, expected, actual); }

    Finding values(String exp, String act) { return new Finding(code, id, message, source, eventId, exp, act); }

    /** The exceptions.csv row this run raises. */
    BillingException raisedBy(SubscriptionFacts facts) {
        LocalDate today = facts.today();
        String customer = facts.commerce().isEmpty() ? "" : facts.established().customerId();
        // a row of an earlier date's feed is named with its date, so the manifest of this date counts only its own rows
        String file = source == null ? "" : source.businessDate().equals(today) ? source.file()
                : source.businessDate() + "/" + source.file();
        return new BillingException(id, today, code, facts.subscriptionId(), customer, file,
                source == null ? 0 : source.line(), eventId, message, expected, actual);
    }
}
