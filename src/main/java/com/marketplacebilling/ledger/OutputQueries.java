package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingException;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineExplanation;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** What the published files are written from: a date's lines and exceptions, a month's lines, and their counts. */
public interface OutputQueries {
    /**
     * Once before a date's committed lines are read: refreshes the statistics of the lines' table when a run
     * changed much of it (a first night), so that the date's lines are read by one sequential scan instead of a
     * plan made for the few rows the table had before.
     */
    void prepareOutputs();

    /**
     * Lines billed by the run of a date with InvoiceNumber in [from, to) (null: unbounded), in the contract's
     * order (binary text order), each with its explanation (null for a line billed before explanations were
     * recorded), read from the same row. Streamed with a cursor, never held in memory as a whole, in a
     * transaction of this call's own when the caller has none (a cursor needs one), so parts of one file can be
     * read by several threads; the sort gets memory for itself so that it rarely spills to disk.
     */
    void explainedLinesBilledOn(LocalDate d, String from, String to,
                                java.util.function.BiConsumer<InvoiceLine, LineExplanation> sink);

    /**
     * InvoiceNumbers that cut the date's lines into consecutive ranges of about these shares (summing to 1; from a
     * sample), or none when the date has fewer than {@code minLines} lines.
     */
    List<String> invoiceNumberSplits(LocalDate d, double[] shares, long minLines);

    /** Lines billed by the run of a date for the given subscriptions (to compare a recomputation). */
    List<InvoiceLine> linesBilledOn(LocalDate d, List<String> ids);

    /** The earliest month any line is invoiced in (its InvoiceNumber's month), or null when nothing is billed. */
    java.time.YearMonth firstInvoiceMonth();

    /** The months from {@code from} up to {@code to} (inclusive) in which some line is invoiced, in order. */
    List<java.time.YearMonth> invoiceMonthsWithLines(java.time.YearMonth from, java.time.YearMonth to);

    /** Every line invoiced in a month (by its InvoiceNumber's month), in the contract's order. */
    void linesOfInvoiceMonth(java.time.YearMonth month, Consumer<InvoiceLine> sink);

    /** Exceptions raised by the run of a date, in the contract's order. */
    void exceptionsRaisedOn(LocalDate d, Consumer<BillingException> sink);

    /** Distinct rows of a date's file that raised a rejecting code (feeds.md, Output 3). */
    long rejectedRows(LocalDate d, String file);

    /** Exceptions of one code raised by a date's file. */
    long exceptionCount(LocalDate d, String file, ExceptionCode code);
}
