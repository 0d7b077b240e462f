package com.marketplacebilling.reconcile;

import java.math.BigDecimal;

/**
 * One compared row of Microsoft's reconciliation file, already read and validated. {@code subtotal} is
 * Microsoft's Subtotal as written in {@code currency}; the optional pricing fields allow conversion.
 */
public record MicrosoftRow(String file, long line, ReconKey key, String customerId, BigDecimal subtotal,
                           String currency, BigDecimal effectiveUnitPrice, String pricingCurrency,
                           String exchangeRate, String invoiceNumber, String referenceId) {}
