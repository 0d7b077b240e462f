package com.marketplacebilling.reconcile;

import com.marketplacebilling.publish.CsvOutput;
import com.marketplacebilling.publish.CsvTable;
import java.util.List;
import java.util.Map;

/** reconciliation-summary.csv: one row per currency, sorted by currency. */
public final class ReconciliationSummaryCsv extends CsvTable<Map.Entry<String, ReconSummary.Figures>> {
    public static final List<String> COLUMNS = List.of("Currency", "MicrosoftRows", "MicrosoftTotal", "OurLines", "OurTotal",
            "Matched", "MatchedTotal", "Differences", "DifferenceTotal", "OnlyMicrosoft", "OnlyMicrosoftTotal", "OnlyOurs",
            "OnlyOursTotal");

    public ReconciliationSummaryCsv(CsvOutput csv) { super(csv, COLUMNS); }

    @Override
    protected void row(CsvOutput csv, Map.Entry<String, ReconSummary.Figures> e) {
        ReconSummary.Figures f = e.getValue();
        csv.text(e.getKey()).number(f.microsoftRows).number(f.microsoftTotal).number(f.ourLines).number(f.ourTotal)
                .number(f.matched).number(f.matchedTotal).number(f.differences).number(f.differenceTotal)
                .number(f.onlyMicrosoft).number(f.onlyMicrosoftTotal).number(f.onlyOurs).number(f.onlyOursTotal);
        csv.endRow();
    }
}
