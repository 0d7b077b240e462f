package com.marketplacebilling.publish;

import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.LineColumn;

import java.io.OutputStream;
import java.io.Writer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Output 1, {@code invoice-lines.csv} (feeds.md): the exact header, then one row per {@link InvoiceLine}, written
 * one at a time; the columns, their names and how each prints are {@link LineColumn}'s. The caller feeds lines
 * already sorted ({@link #ORDER}); this class does not sort or buffer.
 */
public final class InvoiceLinesCsv extends CsvTable<InvoiceLine> {
    public static final String FILE_NAME = "invoice-lines.csv";

    private static final LineColumn[] LINE = LineColumn.values();

    /** The header's names, from {@link LineColumn}. */
    public static final List<String> COLUMNS = Arrays.stream(LINE).map(LineColumn::header).toList();

    /** The header line, without its LF. */
    public static final String HEADER = String.join(",", COLUMNS);

    /** The contract's row order: InvoiceNumber, SubscriptionId, OrderDate, ChargeStartDate, LineId (binary text). */
    public static final Comparator<InvoiceLine> ORDER = Comparator
            .comparing(InvoiceLine::invoiceNumber, TextOrder.CODE_POINT)
            .thenComparing(InvoiceLine::subscriptionId, TextOrder.CODE_POINT)
            .thenComparing(InvoiceLine::orderDate)
            .thenComparing(InvoiceLine::chargeStartDate)
            .thenComparing(InvoiceLine::lineId, TextOrder.CODE_POINT);

    /** Writes the header at once. Closing this closes {@code csv}. */
    public InvoiceLinesCsv(CsvOutput csv) {
        super(csv, COLUMNS);
    }

    /** UTF-8 to {@code out}; writes the header at once. */
    public InvoiceLinesCsv(OutputStream out) {
        this(CsvOutput.utf8(out));
    }

    /** To {@code out}, whose encoding must be UTF-8; writes the header at once. */
    public InvoiceLinesCsv(Writer out) {
        this(new CsvOutput(out));
    }

    /** Each row's numbers, formatted before any cell is written; reused from row to row. */
    private final String[] numbers = new String[LINE.length];

    @Override
    protected void row(CsvOutput csv, InvoiceLine line) {
        // Format the numbers first, so a bad value fails before half a row is written.
        for (int i = 0; i < LINE.length; i++) {
            LineColumn c = LINE[i];
            switch (c.kind()) {
                case PRICE_AS_IS -> numbers[i] = Amounts.formatPriceAsIs(c.decimal(line));
                case PRICE6 -> numbers[i] = Amounts.formatPrice6(c.decimal(line));
                case AMOUNT -> numbers[i] = Amounts.formatAmount(c.decimal(line), line.currency());
                case TEXT, DATE, INTEGER -> { }
            }
        }
        for (int i = 0; i < LINE.length; i++) {
            LineColumn c = LINE[i];
            switch (c.kind()) {
                case TEXT -> csv.text(c.text(line));
                case DATE -> csv.date(c.date(line));
                case INTEGER -> csv.number(c.integer(line));
                case PRICE_AS_IS, PRICE6, AMOUNT -> csv.number(numbers[i]);
            }
        }
        csv.endRow();
    }
}
