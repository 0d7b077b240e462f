package com.marketplacebilling.reconcile;

import com.marketplacebilling.billing.Severity;
import java.math.BigDecimal;

/**
 * One row of reconciliation.csv before it is written: a pair, a lone Microsoft row or a lone line of ours.
 * {@code code} is null for a plain MATCHED pair. {@code microsoftCompared} is Microsoft's amount in the
 * report's currency (converted through PricingCurrency when needed).
 */
public record ReconResult(ReconStatus status, ReconCode code, MicrosoftRow microsoft, OurLine ours,
                          String currency, BigDecimal microsoftCompared, BigDecimal difference, String message) {

    public Severity severity() { return code == null ? null : code.severity(); }
}
