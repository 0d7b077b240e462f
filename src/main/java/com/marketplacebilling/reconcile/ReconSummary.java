package com.marketplacebilling.reconcile;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * reconciliation-summary.csv figures, one per currency, accumulated as results stream past. The identity
 * MicrosoftTotal − OurTotal = DifferenceTotal + OnlyMicrosoftTotal − OnlyOursTotal is checked before publishing.
 */
public final class ReconSummary {

    public static final class Figures {
        public long microsoftRows, ourLines, matched, differences, onlyMicrosoft, onlyOurs;
        public BigDecimal microsoftTotal = BigDecimal.ZERO, ourTotal = BigDecimal.ZERO, matchedTotal = BigDecimal.ZERO,
                differenceTotal = BigDecimal.ZERO, onlyMicrosoftTotal = BigDecimal.ZERO, onlyOursTotal = BigDecimal.ZERO;
    }

    private final Map<String, Figures> byCurrency = new TreeMap<>();

    public void add(ReconResult r) {
        if (r.status() == ReconStatus.SET_ASIDE) return;
        Figures f = byCurrency.computeIfAbsent(r.currency(), c -> new Figures());
        boolean twoCurrencies = r.code() == ReconCode.RECON_CURRENCY_MISMATCH; // counted, amounts kept out of every total
        if (r.microsoft() != null) {
            f.microsoftRows++;
            if (!twoCurrencies) f.microsoftTotal = f.microsoftTotal.add(r.microsoftCompared());
        }
        if (r.ours() != null) {
            f.ourLines++;
            if (!twoCurrencies) f.ourTotal = f.ourTotal.add(r.ours().subtotal());
        }
        switch (r.status()) {
            case MATCHED -> { f.matched++; f.matchedTotal = f.matchedTotal.add(r.microsoftCompared()); }
            case AMOUNT_DIFFERS -> { f.differences++; if (!twoCurrencies) f.differenceTotal = f.differenceTotal.add(r.difference()); }
            case ONLY_MICROSOFT -> { f.onlyMicrosoft++; f.onlyMicrosoftTotal = f.onlyMicrosoftTotal.add(r.microsoftCompared()); }
            case ONLY_OURS -> { f.onlyOurs++; f.onlyOursTotal = f.onlyOursTotal.add(r.ours().subtotal()); }
            default -> { }
        }
    }

    public Map<String, Figures> byCurrency() { return byCurrency; }

    /** Throws when the identity fails for a currency: a bug, and nothing may be published. */
    public void checkIdentity() {
        byCurrency.forEach((currency, f) -> {
            BigDecimal left = f.microsoftTotal.subtract(f.ourTotal);
            BigDecimal right = f.differenceTotal.add(f.onlyMicrosoftTotal).subtract(f.onlyOursTotal);
            if (left.compareTo(right) != 0) {
                throw new IllegalStateException("reconciliation summary identity fails for " + currency + ": MicrosoftTotal − OurTotal = "
                        + left.toPlainString() + " but DifferenceTotal + OnlyMicrosoftTotal − OnlyOursTotal = " + right.toPlainString());
            }
        });
    }
}
