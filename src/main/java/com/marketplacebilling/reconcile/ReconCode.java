package com.marketplacebilling.reconcile;

import com.marketplacebilling.billing.Severity;

/** The Code column of reconciliation.csv, each with its fixed severity (see docs/reconciliation.md). */
public enum ReconCode {
    RECON_OTHER_MONTH(Severity.INFO),
    RECON_ROUNDING(Severity.INFO),
    RECON_AMOUNT_MISMATCH(Severity.ERROR),
    RECON_CURRENCY_MISMATCH(Severity.ERROR),
    RECON_BILLED_BEFORE_ACTIVATION(Severity.ERROR),
    RECON_UNKNOWN_SUBSCRIPTION(Severity.ERROR),
    RECON_MISSING_IN_OURS(Severity.ERROR),
    RECON_MISSING_IN_MICROSOFT(Severity.WARNING),
    RECON_UNSUPPORTED_CHARGE_TYPE(Severity.INFO),
    RECON_MALFORMED_ROW(Severity.ERROR);

    private final Severity severity;

    ReconCode(Severity severity) { this.severity = severity; }

    public Severity severity() { return severity; }
}
