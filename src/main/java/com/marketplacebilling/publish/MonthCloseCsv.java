package com.marketplacebilling.publish;

import java.io.Closeable;
import java.io.Flushable;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Output 4, the month close's {@code invoices.csv} (feeds.md): one row per {@link InvoiceSummary}, sorted by
 * InvoiceNumber ({@link #ORDER}, done by the caller). The month's {@code invoice-lines.csv} is written with
 * {@link InvoiceLinesCsv}.
 */
public final class MonthCloseCsv implements Closeable, Flushable {
    public static final String FILE_NAME = "invoices.csv";

    public static final List<String> COLUMNS = List.of("InvoiceNumber", "CustomerId", "CustomerName", "Currency",
            "BillingMonth", "LineCount", "Charges", "Credits", "Total");

    /** The header line, without its LF. */
    public static final String HEADER = String.join(",", COLUMNS);

    /** By InvoiceNumber, binary. */
    public static final Comparator<InvoiceSummary> ORDER =
            Comparator.comparing(InvoiceSummary::invoiceNumber, TextOrder.CODE_POINT);

    /** The folder of a month's files under the outbox, e.g. {@code invoices/2026-11}. */
    public static String folderName(java.time.YearMonth month) {
        return "invoices/" + java.time.format.DateTimeFormatter.ofPattern("uuuu-MM").format(month);
    }

    private final CsvOutput csv;

    /** Writes the header at once. Closing this closes {@code csv}. */
    public MonthCloseCsv(CsvOutput csv) {
        this.csv = csv;
        csv.header(COLUMNS.toArray(String[]::new));
    }

    public MonthCloseCsv(OutputStream out) {
        this(CsvOutput.utf8(out));
    }

    public MonthCloseCsv(Writer out) {
        this(new CsvOutput(out));
    }

    public void write(InvoiceSummary s) {
        writeRow(csv, s);
    }

    public void writeAll(Iterator<? extends InvoiceSummary> summaries) {
        while (summaries.hasNext()) {
            write(summaries.next());
        }
    }

    public long rows() {
        return csv.rows();
    }

    @Override
    public void flush() {
        csv.flush();
    }

    @Override
    public void close() {
        csv.close();
    }

    public static void writeRow(CsvOutput csv, InvoiceSummary s) {
        csv.text(s.invoiceNumber())
                .text(s.customerId())
                .text(s.customerName())
                .text(s.currency())
                .month(s.billingMonth())
                .number(s.lineCount())
                .number(Amounts.formatAmount(s.charges(), s.currency()))
                .number(Amounts.formatAmount(s.credits(), s.currency()))
                .number(Amounts.formatAmount(s.total(), s.currency()))
                .endRow();
    }
}
