package com.marketplacebilling.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One row of invoice-lines.csv, in column order. Optional text is the empty string. */
public record InvoiceLine(
        String invoiceNumber,
        String lineId,
        String customerId,
        String customerName,
        String customerCountry,
        String resellerMpnId,
        String orderId,
        LocalDate orderDate,
        String publisherId,
        String publisherName,
        String offerId,
        String planId,
        String subscriptionId,
        String subscriptionDescription,
        ChargeType chargeType,
        LocalDate chargeStartDate,
        LocalDate chargeEndDate,
        BigDecimal unitPrice,
        BigDecimal effectiveUnitPrice,
        int quantity,
        BigDecimal subtotal,
        String currency,
        Term term,
        BillingFrequency billingFrequency,
        LocalDate subscriptionStartDate,
        LocalDate subscriptionEndDate,
        String referenceId) {

    public boolean isCredit() { return subtotal.signum() < 0 || effectiveUnitPrice.signum() < 0; }

    /** A line built by the facts it is made of, instead of 27 positional arguments. */
    public static Builder builder() { return new Builder(); }

    /** A builder holding this line's values, to derive another line from it (R10's reversals). */
    public Builder toBuilder() {
        return new Builder().invoice(invoiceNumber, lineId)
                .customer(customerId, customerName, customerCountry, resellerMpnId)
                .order(orderId, orderDate)
                .publisher(publisherId, publisherName)
                .product(offerId, planId)
                .subscription(subscriptionId, subscriptionDescription)
                .charge(chargeType, chargeStartDate, chargeEndDate)
                .amount(unitPrice, new Money.Amount(effectiveUnitPrice, subtotal), quantity)
                .contract(currency, term, billingFrequency)
                .subscriptionTerm(subscriptionStartDate, subscriptionEndDate)
                .referenceId(referenceId);
    }

    /**
     * Sets the components in groups that name what they are; {@link #build()} refuses a line with a group not set,
     * so a new column cannot be forgotten silently.
     */
    public static final class Builder {
        // package-private: LineColumn's setters write them; build() checks each is set
        String invoiceNumber;
        String lineId;
        String customerId;
        String customerName;
        String customerCountry;
        String resellerMpnId;
        String orderId;
        LocalDate orderDate;
        String publisherId;
        String publisherName;
        String offerId;
        String planId;
        String subscriptionId;
        String subscriptionDescription;
        ChargeType chargeType;
        LocalDate chargeStartDate;
        LocalDate chargeEndDate;
        BigDecimal unitPrice;
        BigDecimal effectiveUnitPrice;
        Integer quantity;
        BigDecimal subtotal;
        String currency;
        Term term;
        BillingFrequency billingFrequency;
        LocalDate subscriptionStartDate;
        LocalDate subscriptionEndDate;
        String referenceId;

        private Builder() {}

        /** The invoice the line belongs to ({@link InvoiceNumbers}) and its own id ({@link LineIds}). */
        public Builder invoice(String invoiceNumber, String lineId) {
            this.invoiceNumber = invoiceNumber;
            this.lineId = lineId;
            return this;
        }

        public Builder customer(String id, String name, String country, String resellerMpnId) {
            this.customerId = id;
            this.customerName = name;
            this.customerCountry = country;
            this.resellerMpnId = resellerMpnId;
            return this;
        }

        public Builder order(String orderId, LocalDate orderDate) {
            this.orderId = orderId;
            this.orderDate = orderDate;
            return this;
        }

        public Builder publisher(String id, String name) {
            this.publisherId = id;
            this.publisherName = name;
            return this;
        }

        public Builder product(String offerId, String planId) {
            this.offerId = offerId;
            this.planId = planId;
            return this;
        }

        public Builder subscription(String id, String description) {
            this.subscriptionId = id;
            this.subscriptionDescription = description;
            return this;
        }

        /** What kind of line it is and the service days it bills (inclusive). */
        public Builder charge(ChargeType type, LocalDate start, LocalDate end) {
            this.chargeType = type;
            this.chargeStartDate = start;
            this.chargeEndDate = end;
            return this;
        }

        /** The price per unit and full cycle, the prorated amount (R14, signed) and the units. */
        public Builder amount(BigDecimal unitPrice, Money.Amount amount, int quantity) {
            this.unitPrice = unitPrice;
            this.effectiveUnitPrice = amount.effectiveUnitPrice();
            this.subtotal = amount.subtotal();
            this.quantity = quantity;
            return this;
        }

        /** The immutable terms of the subscription (R12). */
        public Builder contract(String currency, Term term, BillingFrequency billingFrequency) {
            this.currency = currency;
            this.term = term;
            this.billingFrequency = billingFrequency;
            return this;
        }

        /** The first and last day of the term the line falls in (R3). */
        public Builder subscriptionTerm(LocalDate start, LocalDate end) {
            this.subscriptionStartDate = start;
            this.subscriptionEndDate = end;
            return this;
        }

        /** The pair's ReferenceId (R7, R8), the reversed LineId (R10), or empty. */
        public Builder referenceId(String referenceId) {
            this.referenceId = referenceId;
            return this;
        }

        public InvoiceLine build() {
            Object[] all = {invoiceNumber, lineId, customerId, customerName, customerCountry, resellerMpnId, orderId,
                    orderDate, publisherId, publisherName, offerId, planId, subscriptionId, subscriptionDescription,
                    chargeType, chargeStartDate, chargeEndDate, unitPrice, effectiveUnitPrice, quantity, subtotal,
                    currency, term, billingFrequency, subscriptionStartDate, subscriptionEndDate, referenceId};
            for (int i = 0; i < all.length; i++) {
                if (all[i] == null) {
                    throw new IllegalStateException("invoice line component " + (i + 1) + " of " + all.length
                            + " not set (" + InvoiceLine.class.getRecordComponents()[i].getName() + ")");
                }
            }
            return new InvoiceLine(invoiceNumber, lineId, customerId, customerName, customerCountry, resellerMpnId,
                    orderId, orderDate, publisherId, publisherName, offerId, planId, subscriptionId,
                    subscriptionDescription, chargeType, chargeStartDate, chargeEndDate, unitPrice, effectiveUnitPrice,
                    quantity, subtotal, currency, term, billingFrequency, subscriptionStartDate, subscriptionEndDate,
                    referenceId);
        }
    }
}
