package com.marketplacebilling.billing;

import java.time.LocalDate;

/**
 * The one home of the ExceptionId formulas. An id is derived from what the exception is about, never from a
 * sequence or clock, so a rerun raises the same id and the ledger keeps it once.
 */
public final class ExceptionIds {
    private static final String PREFIX = "E-";

    private ExceptionIds() {}

    /** A verdict on one feed row: its business date, the code, its file and physical line. */
    public static String ofRow(LocalDate businessDate, ExceptionCode code, String file, long line) {
        return Hashes.id(PREFIX, businessDate.toString(), code.name(), file, Long.toString(line));
    }

    public static String ofRow(SourceRef source, ExceptionCode code) {
        return ofRow(source.businessDate(), code, source.file(), source.line());
    }

    /** A notice about a whole feed file of a business date. */
    public static String ofFile(LocalDate businessDate, ExceptionCode code, String file) {
        return Hashes.id(PREFIX, businessDate.toString(), code.name(), file);
    }

    /**
     * A finding about a subscription's state, identified by what it is about (an event id, a version's content
     * key, a business date; nothing when it is raised once per subscription).
     */
    public static String ofSubscription(ExceptionCode code, String subscriptionId, String... about) {
        String[] parts = new String[about.length + 2];
        parts[0] = code.name();
        parts[1] = subscriptionId;
        System.arraycopy(about, 0, parts, 2, about.length);
        return Hashes.id(PREFIX, parts);
    }
}
