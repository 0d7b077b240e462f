package com.marketplacebilling.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.ledger.ReconciliationStore.Cursor;
import com.marketplacebilling.ledger.ReconciliationStore.LineRecord;
import com.marketplacebilling.ledger.ReconciliationStore.MicrosoftRecord;
import com.marketplacebilling.ledger.ReconciliationStore.ResultRecord;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** ReconciliationStore on real PostgreSQL, on the ledger of the sample book's first date (2026-11-02). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationStoreTest {
    static final YearMonth OCT = YearMonth.of(2026, 10);
    private TestDatabase db;
    private JdbcTemplate jdbc;
    private ReconciliationStore store;
    private long runId;

    @BeforeAll
    void billTheFirstSampleDate() throws Exception {
        db = TestDatabase.create();
        Path out = Files.createTempDirectory("recon-store");
        Cli.Result r = new Cli(Cli.repository(), db.url()).run("run", "--date", "2026-11-02", "--outbox", out.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), "postgres", ""));
        store = new ReconciliationStore(jdbc);
        store.clearWork();
        runId = store.beginRun(OCT, "/in/partner-center/2026-10", "test", LocalDate.of(2026, 11, 2),
                Instant.parse("2026-12-01T10:00:00Z"), List.of(Map.entry("a.csv", "a".repeat(64)),
                        Map.entry("b.csv", "b".repeat(64))));
        store.storeMicrosoftRows(runId, List.of(
                // sub-0007's September `new` (10 x 11.00 USD, on INV-202609): named by Microsoft in October
                compared("b.csv", 2, "sub-0007", ChargeType.NEW, "2026-09-14", "2026-10-13", 10, "110.00"),
                compared("a.csv", 3, "sub-0001", ChargeType.NEW, "2026-10-03", "2026-11-02", 10, "100.80"),
                compared("a.csv", 2, "sub-0001", ChargeType.NEW, "2026-10-03", "2026-11-02", 10, "100.80"),
                compared("a.csv", 4, "sub-0007", ChargeType.ADD_QUANTITY, "2026-10-08", "2026-10-13", 10, "-22.00"),
                new MicrosoftRecord("a.csv", 5, "RECON_MALFORMED_ROW", "sub-\0bad", null, "new", null, null, null, null,
                        null, null, null, null, null, null, null, null, "a.csv: line 5: bad")));
    }

    private static MicrosoftRecord compared(String file, long line, String sub, ChargeType type, String start, String end,
                                            int qty, String amount) {
        BigDecimal subtotal = new BigDecimal(amount);
        return new MicrosoftRecord(file, line, null, sub, type, null, LocalDate.parse(start), LocalDate.parse(end),
                subtotal.signum() < 0, qty, "cust", subtotal, "USD", null, null, null, "G1", "R1", null);
    }

    @AfterAll
    void drop() { db.close(); }

    @Test
    @DisplayName("our side: every line on October's invoices plus the other-month lines Microsoft names, in key order")
    void ourLinesOfTheMonthInKeyOrder() {
        List<LineRecord> lines = new ArrayList<>();
        try (Cursor<LineRecord> c = store.ourLinesInKeyOrder(runId, OCT)) {
            c.forEachRemaining(lines::add);
        }
        long october = jdbc.queryForObject("SELECT count(*) FROM invoice_line WHERE invoice_number LIKE 'INV-202610-%'",
                Long.class);
        assertThat(october).isGreaterThan(30);
        assertThat(lines).hasSize((int) october + 1);
        assertThat(lines).filteredOn(l -> !l.invoiceMonth().equals(OCT)).singleElement().satisfies(l -> {
            assertThat(l.subscriptionId()).isEqualTo("sub-0007");
            assertThat(l.chargeType()).isEqualTo(ChargeType.NEW);
            assertThat(l.invoiceMonth()).isEqualTo(YearMonth.of(2026, 9));
            assertThat(l.subtotal()).isEqualByComparingTo("110.00");
        });
        Comparator<LineRecord> keyOrder = Comparator.comparing(LineRecord::subscriptionId)
                .thenComparing(LineRecord::chargeType).thenComparing(LineRecord::chargeStartDate)
                .thenComparing(LineRecord::chargeEndDate).thenComparing(LineRecord::credit)
                .thenComparingInt(LineRecord::quantity).thenComparing(LineRecord::lineId);
        assertThat(lines).isSortedAccordingTo(keyOrder);
        // sub-0007's addQuantity pair: the charge (12 seats) before the credit (10 seats), as ReconKey orders them
        assertThat(lines).filteredOn(l -> l.chargeType() == ChargeType.ADD_QUANTITY).extracting(LineRecord::credit)
                .containsExactly(false, true);
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.billedIn()).as("the R14 mode of the line's run").isNotNull();
            assertThat(l.remainingDays()).as("V14 proration inputs").isNotNull();
        });
    }

    @Test
    @DisplayName("Microsoft's side: compared rows only, in key order then file and line; set-aside rows apart")
    void microsoftRowsInKeyOrder() {
        List<MicrosoftRecord> rows = new ArrayList<>();
        try (Cursor<MicrosoftRecord> c = store.microsoftRowsInKeyOrder(runId)) {
            c.forEachRemaining(rows::add);
        }
        assertThat(rows).extracting(m -> m.file() + ":" + m.line())
                .containsExactly("a.csv:2", "a.csv:3", "b.csv:2", "a.csv:4");
        assertThat(rows.get(3).credit()).isTrue();
        assertThat(rows.get(0).chargeType()).isEqualTo(ChargeType.NEW);
        List<MicrosoftRecord> aside = new ArrayList<>();
        store.setAsideRows(runId, aside::add);
        assertThat(aside).singleElement().satisfies(m -> {
            assertThat(m.code()).isEqualTo("RECON_MALFORMED_ROW");
            assertThat(m.subscriptionId()).as("NUL cannot be stored; shown as U+FFFD").isEqualTo("sub-\uFFFDbad");
            assertThat(m.chargeTypeText()).isEqualTo("new");
        });
    }

    @Test
    @DisplayName("subscription facts: named by commerce, first successful LicensesAssigned and Activate (UTC days)")
    void subscriptionFacts() {
        var never = store.subscription("sub-0037"); // licences assigned 2026-10-06, never activated
        assertThat(never.namedByCommerce()).isTrue();
        assertThat(never.firstLicensesAssigned()).isEqualTo(LocalDate.of(2026, 10, 6));
        assertThat(never.firstActivate()).isNull();
        var active = store.subscription("sub-0001");
        assertThat(active.firstActivate()).isEqualTo(LocalDate.of(2026, 10, 3));
        var unknown = store.subscription("sub-9999");
        assertThat(unknown.namedByCommerce()).isFalse();
        assertThat(unknown.firstActivate()).isNull();
    }

    @Test
    @DisplayName("the report's rows come back in its sort order (severity, code, subscription, ..., binary text)")
    void resultsInReportOrder() {
        store.storeResults(runId, List.of(
                new ResultRecord(3, "", "sub-0001", "2026-10-03", "charge", "a.csv", 2, "L-1", "matched\n"),
                new ResultRecord(0, "RECON_MISSING_IN_OURS", "sub-0002", "2026-10-05", "charge", "a.csv", 10, "", "e2\n"),
                new ResultRecord(0, "RECON_MISSING_IN_OURS", "sub-0002", "2026-10-05", "charge", "a.csv", 9, "", "e1\n"),
                new ResultRecord(0, "RECON_AMOUNT_MISMATCH", "sub-0009", "2026-10-04", "charge", "a.csv", 3, "L-2", "e0\n"),
                new ResultRecord(1, "RECON_MISSING_IN_MICROSOFT", "sub-0003", "2026-10-05", "charge", "", 0, "L-3", "w\n")));
        List<String> texts = new ArrayList<>();
        store.resultsInReportOrder(runId, texts::add);
        assertThat(texts).containsExactly("e0\n", "e1\n", "e2\n", "w\n", "matched\n");
    }

    @Test
    @DisplayName("the history: a run with its files; a failed run, a superseded one, counts once completed")
    void history() {
        long second = store.beginRun(OCT, "/elsewhere", "test", LocalDate.of(2026, 11, 2),
                Instant.parse("2026-12-02T10:00:00Z"), List.of(Map.entry("c.csv", "c".repeat(64))));
        store.fail(second, "boom", Instant.parse("2026-12-02T10:01:00Z"));
        assertThat(store.latest(OCT).runId()).isEqualTo(second);
        assertThat(store.latest(OCT).unfinished()).isTrue();
        store.supersede(second);
        store.recordFileCounts(runId, "a.csv", 4, 3, 0, 1);
        store.recordFigures(runId, new ReconciliationStore.RunCounts(5, 4, 0, 1, 3, 2, 1, 0, 1, 0),
                List.of(new ReconciliationStore.CurrencyFigures("USD", 4, new BigDecimal("289.60"), 3,
                        new BigDecimal("188.80"), 2, new BigDecimal("210.80"), 0, BigDecimal.ZERO, 1,
                        new BigDecimal("100.80"), 0, BigDecimal.ZERO)));
        store.complete(runId, Instant.parse("2026-12-01T10:02:00Z"));
        assertThat(store.history(OCT)).extracting(ReconciliationStore.Run::status)
                .containsExactly("SUPERSEDED", "COMPLETED");
        assertThat(store.find(runId).matched()).isEqualTo(2L);
        assertThat(store.files(runId)).extracting(ReconciliationStore.RunFile::name, ReconciliationStore.RunFile::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.csv", 4L),
                        org.assertj.core.groups.Tuple.tuple("b.csv", null));
        assertThat(store.currencies(runId)).singleElement()
                .satisfies(c -> assertThat(c.microsoftTotal()).isEqualByComparingTo("289.60"));
    }
}
