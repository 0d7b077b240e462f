package com.marketplacebilling.reconcile;

import com.marketplacebilling.billing.Severity;
import java.math.BigDecimal;

/**
 * One row of reconciliation.csv before it is written: a pair, a lone Microsoft row or a lone line of ours.
 * {@code code} is null for a plain MATCHED pair. {@code microsoftCompared} is Microsoft's amount in the
 * report's currency (converted through PricingCurrency when needed).
 */
public record ReconResult(ReconStatus status, ReconCode code, MicrosoftRow microsoft, OurLine ours,
                          String currency, BigDecimal microsoftCompared, BigDecimal difference, String message,
                          MicrosoftFileReader.SetAside setAside) {

    public ReconResult(ReconStatus status, ReconCode code, MicrosoftRow microsoft, OurLine ours, String currency,
                       BigDecimal microsoftCompared, BigDecimal difference, String message) {
        this(status, code, microsoft, ours, currency, microsoftCompared, difference, message, null);
    }

    /** A row of Microsoft's file that was not compared (unsupported charge type or malformed). */
    public static ReconResult setAside(MicrosoftFileReader.SetAside s) {
        return new ReconResult(ReconStatus.SET_ASIDE, s.code(), null, null, null, null, null, s.message(), s);
    }

    public String microsoftFile() { return microsoft != null ? microsoft.file() : setAside != null ? setAside.file() : null; }

    public long microsoftLine() { return microsoft != null ? microsoft.line() : setAside != null ? setAside.line() : 0; }

    public String subscriptionId() {
        return microsoft != null ? microsoft.key().subscriptionId() : ours != null ? ours.key().subscriptionId()
                : setAside.subscriptionId();
    }

    public ReconKey key() { return microsoft != null ? microsoft.key() : ours != null ? ours.key() : null; }

    public Severity severity() { return code == null ? null : code.severity(); }
}
