package com.marketplacebilling.reconcile;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One invoice line from our ledger as reconcile sees it. {@code otherModeSubtotal} is the same line
 * recomputed in the R14 mode other than the one it was billed in (see {@link OtherMode}).
 */
public record OurLine(String lineId, String invoiceNumber, YearMonth invoiceMonth, ReconKey key,
                      String customerId, BigDecimal subtotal, String currency, BigDecimal otherModeSubtotal) {}
