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
}
