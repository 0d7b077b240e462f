package com.marketplacebilling.publish;

import com.marketplacebilling.billing.InvoiceLine;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * One row of the month close's {@code invoices.csv}: an invoice (customer, currency, month) with its line count,
 * charges (sum of positive Subtotals), credits (sum of negative ones) and total. Amounts are held at the currency's
 * minor digits; {@code total = charges + credits} is checked.
 */
public record InvoiceSummary(
        String invoiceNumber,
        String customerId,
        String customerName,
        String currency,
        YearMonth billingMonth,
        long lineCount,
        BigDecimal charges,
        BigDecimal credits,
        BigDecimal total) {

    public InvoiceSummary {
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(billingMonth, "billingMonth");
        charges = Amounts.toMinor(charges, currency);
        credits = Amounts.toMinor(credits, currency);
        total = Amounts.toMinor(total, currency);
        if (lineCount < 0 || charges.signum() < 0 || credits.signum() > 0
                || total.compareTo(charges.add(credits)) != 0) {
            throw new IllegalArgumentException("inconsistent invoice " + invoiceNumber + ": lines " + lineCount
                    + ", charges " + charges + ", credits " + credits + ", total " + total);
        }
    }

    /**
     * Builds summaries from lines fed one at a time, all of the same invoice (e.g. while streaming the month's
     * lines sorted by InvoiceNumber). Customer id, name and currency are taken from the first line; a line of
     * another invoice, customer or currency is refused.
     */
    public static final class Builder {
        private final String invoiceNumber;
        private final YearMonth billingMonth;
        private String customerId;
        private String customerName;
        private String currency;
        private long lines;
        private BigDecimal charges = BigDecimal.ZERO;
        private BigDecimal credits = BigDecimal.ZERO;

        public Builder(String invoiceNumber, YearMonth billingMonth) {
            this.invoiceNumber = Objects.requireNonNull(invoiceNumber);
            this.billingMonth = Objects.requireNonNull(billingMonth);
        }

        public String invoiceNumber() {
            return invoiceNumber;
        }

        public Builder add(InvoiceLine line) {
            if (!line.invoiceNumber().equals(invoiceNumber)) {
                throw new IllegalArgumentException("line " + line.lineId() + " belongs to " + line.invoiceNumber());
            }
            if (lines == 0) {
                customerId = line.customerId();
                customerName = line.customerName();
                currency = line.currency();
            } else if (!line.customerId().equals(customerId) || !line.currency().equals(currency)) {
                throw new IllegalArgumentException("line " + line.lineId() + " differs in customer or currency");
            }
            BigDecimal amount = Amounts.toMinor(line.subtotal(), currency);
            if (amount.signum() > 0) {
                charges = charges.add(amount);
            } else {
                credits = credits.add(amount);
            }
            lines++;
            return this;
        }

        public InvoiceSummary build() {
            if (lines == 0) {
                throw new IllegalStateException("invoice " + invoiceNumber + " has no lines");
            }
            return new InvoiceSummary(invoiceNumber, customerId, customerName, currency, billingMonth, lines,
                    charges, credits, charges.add(credits));
        }
    }
}
