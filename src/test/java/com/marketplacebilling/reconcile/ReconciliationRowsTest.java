package com.marketplacebilling.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.publish.CsvOutput;
import com.marketplacebilling.publish.TextOrder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report is written from rows rendered one at a time and sorted by their sort values in PostgreSQL (D33):
 * that must give exactly the bytes ReconciliationCsv writes from the results sorted in Java.
 */
class ReconciliationRowsTest {

    @Test
    void renderedRowsSortedByTheirValuesAreTheReportsBytes() {
        List<ReconResult> results = new ArrayList<>(ReconMatcherTest.run(
                List.of(ReconMatcherTest.ms(2, "S1", ChargeType.NEW, "10.00", 1),
                        ReconMatcherTest.ms(3, "S2", ChargeType.NEW, "12.00", 1),
                        ReconMatcherTest.ms(5, "S2", ChargeType.RENEW, "-3.00", 1),
                        // code point order (PostgreSQL's "C"): U+E000 before U+1F600, unlike UTF-16 compareTo
                        ReconMatcherTest.ms(6, "S\uE000", ChargeType.NEW, "7.00", 1),
                        ReconMatcherTest.ms(4, "S\uD83D\uDE00", ChargeType.NEW, "7.00", 1)),
                List.of(ReconMatcherTest.ours("L1", "S1", ChargeType.NEW, "10.00", 1, ReconMatcherTest.OCT, null),
                        ReconMatcherTest.ours("L2", "S2", ChargeType.NEW, "10.00", 1, ReconMatcherTest.OCT, null),
                        ReconMatcherTest.ours("L4", "S3", ChargeType.NEW, "4.00", 1, ReconMatcherTest.OCT, null),
                        ReconMatcherTest.ours("L3", "S3", ChargeType.RENEW, "4.00", 1, ReconMatcherTest.OCT, null)),
                Map.of()));
        results.add(ReconResult.setAside(new MicrosoftFileReader.SetAside("b.csv", 10, ReconCode.RECON_MALFORMED_ROW,
                null, null, "b.csv: line 10: bad")));
        results.add(ReconResult.setAside(new MicrosoftFileReader.SetAside("a.csv", 11,
                ReconCode.RECON_UNSUPPORTED_CHARGE_TYPE, "S1", "usage", "usage")));

        List<ReconResult> javaSorted = new ArrayList<>(results);
        javaSorted.sort(ReconciliationCsv.ORDER);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (ReconciliationCsv csv = new ReconciliationCsv(CsvOutput.utf8(expected))) {
            javaSorted.forEach(csv::write);
        }

        // what the database does: order by the stored values (binary text order), concatenate the rendered rows
        ReconciliationRows rows = new ReconciliationRows();
        record Stored(int rank, String code, String sub, String start, String dir, String file, long line, String id,
                      String text) {}
        List<Stored> stored = new ArrayList<>();
        for (ReconResult r : results) {
            stored.add(new Stored(ReconciliationRows.severityRank(r), ReconciliationRows.code(r),
                    ReconciliationRows.subscriptionId(r), ReconciliationRows.chargeStartDate(r),
                    ReconciliationRows.direction(r), ReconciliationRows.microsoftFile(r), r.microsoftLine(),
                    ReconciliationRows.ourLineId(r), rows.render(r)));
        }
        stored.sort(Comparator.comparingInt(Stored::rank).thenComparing(Stored::code, TextOrder.CODE_POINT)
                .thenComparing(Stored::sub, TextOrder.CODE_POINT).thenComparing(Stored::start, TextOrder.CODE_POINT)
                .thenComparing(Stored::dir, TextOrder.CODE_POINT).thenComparing(Stored::file, TextOrder.CODE_POINT)
                .thenComparingLong(Stored::line).thenComparing(Stored::id, TextOrder.CODE_POINT));
        StringBuilder actual = new StringBuilder(rows.header());
        stored.forEach(s -> actual.append(s.text()));

        assertThat(actual.toString()).isEqualTo(expected.toString(StandardCharsets.UTF_8));
        assertThat(stored).hasSize(results.size());
    }
}
