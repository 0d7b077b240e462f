package com.marketplacebilling.reconcile;

import com.marketplacebilling.publish.Amounts;
import com.marketplacebilling.publish.CsvOutput;
import java.math.BigDecimal;
import com.marketplacebilling.publish.CsvTable;
import java.util.List;
import java.util.Map;

/** reconciliation-summary.csv: one row per currency, sorted by currency. */
public final class ReconciliationSummaryCsv extends CsvTable<Map.Entry<String, ReconSummary.Figures>> {
    public static final List<String> COLUMNS = List.of("Currency", "MicrosoftRows", "MicrosoftTotal", "OurLines", "OurTotal",
            "Matched", "MatchedTotal", "Differences", "DifferenceTotal", "OnlyMicrosoft", "OnlyMicrosoftTotal", "OnlyOurs",
            "OnlyOursTotal");

    public ReconciliationSummaryCsv(CsvOutput csv) { super(csv, COLUMNS); }

    /**
     * A total with at least its currency's minor digits ({@code 0.00}, not {@code 0}); never rounded: a total of
     * Microsoft's amounts written with more decimals keeps them, and an unknown currency code keeps the sum's scale.
     */
    public static BigDecimal shown(BigDecimal total, String currency) {
        try {
            int digits = Amounts.minorDigits(currency);
            return total.scale() < digits ? total.setScale(digits) : total;
        } catch (IllegalArgumentException unknown) {
            return total;
        }
    }

    @Override
    protected void row(CsvOutput csv, Map.Entry<String, ReconSummary.Figures> e) {
        ReconSummary.Figures f = e.getValue();
        String c = e.getKey();
        csv.text(c).number(f.microsoftRows).number(shown(f.microsoftTotal, c)).number(f.ourLines)
                .number(shown(f.ourTotal, c)).number(f.matched).number(shown(f.matchedTotal, c)).number(f.differences)
                .number(shown(f.differenceTotal, c)).number(f.onlyMicrosoft).number(shown(f.onlyMicrosoftTotal, c))
                .number(f.onlyOurs).number(shown(f.onlyOursTotal, c));
        csv.endRow();
    }
}
