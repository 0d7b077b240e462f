package com.marketplacebilling.publish;

import java.io.OutputStream;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;

/**
 * Output 4, the month close's {@code invoices.csv} (feeds.md): one row per {@link InvoiceSummary}, sorted by
 * InvoiceNumber ({@link #ORDER}, done by the caller). The month's {@code invoice-lines.csv} is written with
 * {@link InvoiceLinesCsv}.
 */
public final class MonthCloseCsv extends CsvTable<InvoiceSummary> {
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

    /** Writes the header at once. Closing this closes {@code csv}. */
    public MonthCloseCsv(CsvOutput csv) {
        super(csv, COLUMNS);
    }

    /** UTF-8 to {@code out}; writes the header at once. */
    public MonthCloseCsv(OutputStream out) {
        this(CsvOutput.utf8(out));
    }

    /** To {@code out}, whose encoding must be UTF-8; writes the header at once. */
    public MonthCloseCsv(Writer out) {
        this(new CsvOutput(out));
    }

    @Override
    protected void row(CsvOutput csv, InvoiceSummary value) {
        writeRow(csv, value);
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
