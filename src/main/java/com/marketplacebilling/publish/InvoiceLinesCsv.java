package com.marketplacebilling.publish;

import com.marketplacebilling.billing.InvoiceLine;

import java.io.OutputStream;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;

/**
 * Output 1, {@code invoice-lines.csv} (feeds.md): the exact header, then one row per {@link InvoiceLine}, written
 * one at a time. The caller feeds lines already sorted ({@link #ORDER}); this class does not sort or buffer.
 */
public final class InvoiceLinesCsv extends CsvTable<InvoiceLine> {
    public static final String FILE_NAME = "invoice-lines.csv";

    public static final List<String> COLUMNS = List.of("InvoiceNumber", "LineId", "CustomerId", "CustomerName",
            "CustomerCountry", "ResellerMpnId", "OrderId", "OrderDate", "PublisherId", "PublisherName", "OfferId",
            "PlanId", "SubscriptionId", "SubscriptionDescription", "ChargeType", "ChargeStartDate", "ChargeEndDate",
            "UnitPrice", "EffectiveUnitPrice", "Quantity", "Subtotal", "Currency", "Term", "BillingFrequency",
            "SubscriptionStartDate", "SubscriptionEndDate", "ReferenceId");

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

    @Override
    protected void row(CsvOutput csv, InvoiceLine value) {
        writeRow(csv, value);
    }

    /** Writes {@code line} as one record of {@code csv}, in column order. */
    public static void writeRow(CsvOutput csv, InvoiceLine line) {
        String currency = line.currency();
        // Format the numbers first, so a bad value fails before half a row is written.
        String unitPrice = Amounts.formatPriceAsIs(line.unitPrice());
        String effectiveUnitPrice = Amounts.formatPrice6(line.effectiveUnitPrice());
        String subtotal = Amounts.formatAmount(line.subtotal(), currency);
        csv.text(line.invoiceNumber())
                .text(line.lineId())
                .text(line.customerId())
                .text(line.customerName())
                .text(line.customerCountry())
                .text(line.resellerMpnId())
                .text(line.orderId())
                .date(line.orderDate())
                .text(line.publisherId())
                .text(line.publisherName())
                .text(line.offerId())
                .text(line.planId())
                .text(line.subscriptionId())
                .text(line.subscriptionDescription())
                .text(line.chargeType().feedName())
                .date(line.chargeStartDate())
                .date(line.chargeEndDate())
                .number(unitPrice)
                .number(effectiveUnitPrice)
                .number(line.quantity())
                .number(subtotal)
                .text(currency)
                .text(line.term().name())
                .text(line.billingFrequency().feedName())
                .date(line.subscriptionStartDate())
                .date(line.subscriptionEndDate())
                .text(line.referenceId())
                .endRow();
    }
}
