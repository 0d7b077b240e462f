package com.marketplacebilling.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.publish.CsvOutput;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** reconciliation.csv order and formula guard; the summary identity. */
class ReconciliationOutputTest {

    @Test
    void reportIsSortedBySeverityThenCodeAndTheSummaryIdentityHolds() {
        List<MicrosoftRow> ms = List.of(
                ReconMatcherTest.ms(2, "S1", ChargeType.NEW, "10.00", 1),
                ReconMatcherTest.ms(3, "S2", ChargeType.NEW, "12.00", 1),
                ReconMatcherTest.ms(4, "S9", ChargeType.NEW, "7.00", 1));
        List<OurLine> ours = List.of(
                ReconMatcherTest.ours("L1", "S1", ChargeType.NEW, "10.00", 1, ReconMatcherTest.OCT, null),
                ReconMatcherTest.ours("L2", "S2", ChargeType.NEW, "10.00", 1, ReconMatcherTest.OCT, null),
                ReconMatcherTest.ours("L3", "S3", ChargeType.NEW, "4.00", 1, ReconMatcherTest.OCT, null));
        List<ReconResult> results = new ArrayList<>(ReconMatcherTest.run(ms, ours, Map.of()));
        results.add(ReconResult.setAside(new MicrosoftFileReader.SetAside("a.csv", 9, ReconCode.RECON_MALFORMED_ROW,
                "=HYPERLINK(\"x\")", "new", "a.csv: line 9: bad")));
        results.sort(ReconciliationCsv.ORDER);
        ReconSummary summary = new ReconSummary();
        results.forEach(summary::add);
        summary.checkIdentity();
        ReconSummary.Figures usd = summary.byCurrency().get("USD");
        assertThat(usd.microsoftRows).isEqualTo(3);
        assertThat(usd.microsoftTotal).isEqualByComparingTo("29.00");
        assertThat(usd.ourTotal).isEqualByComparingTo("24.00");
        assertThat(usd.differenceTotal).isEqualByComparingTo("2.00");
        assertThat(usd.onlyMicrosoftTotal).isEqualByComparingTo("7.00");
        assertThat(usd.onlyOursTotal).isEqualByComparingTo("4.00");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ReconciliationCsv csv = new ReconciliationCsv(CsvOutput.utf8(bytes))) {
            results.forEach(csv::write);
        }
        List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines.get(0)).isEqualTo(String.join(",", ReconciliationCsv.COLUMNS));
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1)))
                .containsExactly("AMOUNT_DIFFERS,RECON_AMOUNT_MISMATCH", "SET_ASIDE,RECON_MALFORMED_ROW",
                        "ONLY_MICROSOFT,RECON_UNKNOWN_SUBSCRIPTION", "ONLY_OURS,RECON_MISSING_IN_MICROSOFT", "MATCHED,");
        assertThat(lines.get(2)).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
    }

    @Test
    void aBrokenIdentityIsRefused() {
        ReconSummary summary = new ReconSummary();
        OurLine line = ReconMatcherTest.ours("L1", "S1", ChargeType.NEW, "10.00", 1, ReconMatcherTest.OCT, null);
        // a (buggy) MATCHED row whose amounts differ breaks MicrosoftTotal − OurTotal = DifferenceTotal + ...
        summary.add(new ReconResult(ReconStatus.MATCHED, null, ReconMatcherTest.ms(2, "S1", ChargeType.NEW, "10.00", 1), line,
                "USD", new BigDecimal("11.00"), BigDecimal.ZERO, "x"));
        assertThatThrownBy(summary::checkIdentity).hasMessageContaining("identity fails for USD");
        assertThat(YearMonth.of(2026, 10)).isEqualTo(ReconMatcherTest.OCT);
    }
}
