package com.marketplacebilling.ledger;

import static com.marketplacebilling.ledger.LedgerFixture.exception;
import static com.marketplacebilling.ledger.LedgerFixture.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.SourceRef;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OutputQueries on real PostgreSQL: what the published files are written from, in the contract's order. */
class OutputQueriesTest extends LedgerStoreTestBase {
    private static final LocalDate OCT_31 = LocalDate.of(2026, 10, 31);
    private static final LocalDate NOV_2 = LocalDate.of(2026, 11, 2);
    private final InvoiceLine oct = line("L-oct", "INV-202610-0007", "sub-a", LocalDate.of(2026, 10, 12));
    private final InvoiceLine novB = line("L-b", "INV-202611-0002", "sub-b", NOV_2);
    private final InvoiceLine novA2 = line("L-a2", "INV-202611-0001", "sub-a", NOV_2.plusDays(1));
    private final InvoiceLine novA1 = line("L-a1", "INV-202611-0001", "sub-a", NOV_2);
    private final InvoiceLine jan = line("L-jan", "INV-202701-0001", "sub-a", LocalDate.of(2027, 1, 12));

    @BeforeAll
    void store() {
        f.outcomes.storeLines(List.of(oct), null, OCT_31);
        f.outcomes.storeLines(List.of(novB, novA2, novA1), null, NOV_2);
        f.outcomes.storeLines(List.of(jan), null, NOV_2.plusDays(1));
        f.outcomes.storeExceptions(List.of(
                exception("x-1", NOV_2, ExceptionCode.MALFORMED_ROW, SourceRef.COMMERCE_FILE, 5),
                exception("x-2", NOV_2, ExceptionCode.UNKNOWN_SUBSCRIPTION, SourceRef.COMMERCE_FILE, 5),
                exception("x-3", NOV_2, ExceptionCode.MALFORMED_ROW, SourceRef.COMMERCE_FILE, 6),
                exception("x-4", NOV_2, ExceptionCode.FULFILLMENT_FAILED, SourceRef.COMMERCE_FILE, 7),
                exception("x-5", NOV_2, ExceptionCode.MALFORMED_ROW, SourceRef.FULFILLMENT_FILE, 2)));
    }

    private List<InvoiceLine> billedOn(LocalDate d, String from, String to) {
        List<InvoiceLine> out = new ArrayList<>();
        f.outputs.explainedLinesBilledOn(d, from, to, (l, e) -> {
            assertThat(e).as("stored without an explanation").isNull();
            out.add(l);
        });
        return out;
    }

    @Test
    @DisplayName("a date's lines by InvoiceNumber, subscription, order date, charge start and line id; a part is [from, to)")
    void dateLinesInOrder() {
        assertThat(billedOn(NOV_2, null, null)).containsExactly(novA1, novA2, novB);
        assertThat(billedOn(NOV_2, "INV-202611-0002", null)).containsExactly(novB);
        assertThat(billedOn(NOV_2, null, "INV-202611-0002")).containsExactly(novA1, novA2);
        assertThat(f.outputs.invoiceNumberSplits(NOV_2, new double[] {0.5, 0.5}, 1_000)).as("too few lines to write in parts").isEmpty();
    }

    @Test
    @DisplayName("months with lines by InvoiceNumber month, and a month's lines in the contract's order")
    void months() {
        assertThat(f.outputs.firstInvoiceMonth()).isEqualTo(YearMonth.of(2026, 10));
        assertThat(f.outputs.invoiceMonthsWithLines(YearMonth.of(2026, 10), YearMonth.of(2026, 12)))
                .containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11));
        List<InvoiceLine> november = new ArrayList<>();
        f.outputs.linesOfInvoiceMonth(YearMonth.of(2026, 11), november::add);
        assertThat(november).containsExactly(novA1, novA2, novB);
    }

    @Test
    @DisplayName("rejected rows count each row of a file once, whatever rejecting codes it raised; counts by code")
    void counts() {
        assertThat(f.outputs.rejectedRows(NOV_2, SourceRef.COMMERCE_FILE)).as("rows 5 and 6").isEqualTo(2);
        assertThat(f.outputs.rejectedRows(NOV_2, SourceRef.FULFILLMENT_FILE)).isEqualTo(1);
        assertThat(f.outputs.exceptionCount(NOV_2, SourceRef.COMMERCE_FILE, ExceptionCode.MALFORMED_ROW)).isEqualTo(2);
        assertThat(f.outputs.exceptionCount(NOV_2.plusDays(1), SourceRef.COMMERCE_FILE, ExceptionCode.MALFORMED_ROW))
                .isZero();
    }

    @Test
    @DisplayName("before a date's lines are read, a much-changed lines table gets fresh planner statistics; an unchanged one is left alone")
    void statisticsRefreshedAfterABigNight() throws InterruptedException {
        LocalDate big = LocalDate.of(2030, 1, 2); // a month no other test of this class reads
        List<InvoiceLine> many = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) many.add(line("L-big-" + i, "INV-203001-0001", "sub-" + i, big));
        f.outcomes.storeLines(many, null, big);
        // the server's statistics of the writes arrive shortly after the transaction; wait for them
        for (int i = 0; i < 150 && modifiedSinceAnalyze() < 3_000; i++) Thread.sleep(100);
        assertThat(modifiedSinceAnalyze()).isGreaterThanOrEqualTo(3_000);
        f.outputs.prepareOutputs();
        assertThat(modifiedSinceAnalyze()).as("analysed").isZero();
        assertThat(f.jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE relname = 'invoice_line'"
                + " AND relnamespace = current_schema()::regnamespace", Float.class)).isGreaterThanOrEqualTo(3_000f);
        Long analyses = analyseCount();
        f.outputs.prepareOutputs();
        assertThat(analyseCount()).as("nothing changed since: not analysed again").isEqualTo(analyses);
    }

    private long modifiedSinceAnalyze() {
        return f.jdbc.queryForObject("SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'invoice_line'"
                + " AND schemaname = current_schema()", Long.class);
    }

    private Long analyseCount() {
        return f.jdbc.queryForObject("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'invoice_line'"
                + " AND schemaname = current_schema()", Long.class);
    }
}
