package com.marketplacebilling.publish;

import com.marketplacebilling.billing.BillingException;

import java.io.OutputStream;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;

/**
 * Output 2, {@code exceptions.csv} (feeds.md): the exact header, then one row per {@link BillingException}, written
 * one at a time. The caller feeds them already sorted ({@link #ORDER}).
 */
public final class ExceptionsCsv extends CsvTable<BillingException> {
    public static final String FILE_NAME = "exceptions.csv";

    public static final List<String> COLUMNS = List.of("ExceptionId", "BusinessDate", "Severity", "Code",
            "SubscriptionId", "CustomerId", "SourceFile", "SourceLine", "EventId", "Message", "Expected", "Actual");

    /** The header line, without its LF. */
    public static final String HEADER = String.join(",", COLUMNS);

    /**
     * Severity in declaration order (ERROR, WARNING, INFO), then Code by name, SubscriptionId, SourceFile (binary
     * text), SourceLine (numeric), and ExceptionId last so that the order is total.
     */
    public static final Comparator<BillingException> ORDER = Comparator
            .comparing(BillingException::severity)
            .thenComparing(e -> e.code().name(), TextOrder.CODE_POINT)
            .thenComparing(BillingException::subscriptionId, TextOrder.CODE_POINT)
            .thenComparing(BillingException::sourceFile, TextOrder.CODE_POINT)
            .thenComparingLong(BillingException::sourceLine)
            .thenComparing(BillingException::exceptionId, TextOrder.CODE_POINT);

    /** Writes the header at once. Closing this closes {@code csv}. */
    public ExceptionsCsv(CsvOutput csv) {
        super(csv, COLUMNS);
    }

    /** UTF-8 to {@code out}; writes the header at once. */
    public ExceptionsCsv(OutputStream out) {
        this(CsvOutput.utf8(out));
    }

    /** To {@code out}, whose encoding must be UTF-8; writes the header at once. */
    public ExceptionsCsv(Writer out) {
        this(new CsvOutput(out));
    }

    @Override
    protected void row(CsvOutput csv, BillingException value) {
        writeRow(csv, value);
    }

    /** Writes {@code e} as one record of {@code csv}; SourceLine is blank when 0. */
    public static void writeRow(CsvOutput csv, BillingException e) {
        if (e.sourceLine() < 0) {
            throw new IllegalArgumentException("negative source line " + e.sourceLine() + " in " + e.exceptionId());
        }
        csv.text(e.exceptionId())
                .date(e.businessDate())
                .text(e.severity().name())
                .text(e.code().name())
                .text(e.subscriptionId())
                .text(e.customerId())
                .text(e.sourceFile());
        if (e.sourceLine() == 0) {
            csv.blank();
        } else {
            csv.number(e.sourceLine());
        }
        csv.text(e.eventId())
                .text(e.message())
                .text(e.expected())
                .text(e.actual())
                .endRow();
    }
}
