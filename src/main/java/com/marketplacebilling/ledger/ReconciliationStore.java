package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.ChargeType;
import com.marketplacebilling.billing.FulfillmentAction;
import com.marketplacebilling.billing.InvoiceNumbers;
import com.marketplacebilling.billing.OperationStatus;
import com.marketplacebilling.billing.Rounding;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * What reconcile reads and records in PostgreSQL (D33): its runs and their input files (the history), Microsoft's
 * rows loaded into a working table, both sides in key order through server-side cursors, the subscription facts
 * of a Microsoft row without a partner, and the report's rows sorted for writing. Nothing here holds a month in
 * memory: rows go in by COPY in chunks and come out through cursors a few thousand at a time.
 *
 * <p>The types are the ledger's own (plain records); the batch wiring maps them to the reconcile package's
 * values, which keeps the rules free of SQL and this package free of the rules.
 */
public class ReconciliationStore {
    /** Rows fetched per round trip by the cursors. */
    public static final int FETCH = 5000;
    /** A line's {@link ChargeType} in declaration order (the key order of both sides), as SQL. */
    private static final String TYPE_ORDER = Arrays.stream(ChargeType.values())
            .map(t -> "WHEN '" + t.feedName() + "' THEN " + t.ordinal())
            .collect(java.util.stream.Collectors.joining(" ", "CASE l.charge_type ", " END "));

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    public ReconciliationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
    }

    // ---- the history ----------------------------------------------------------------------------------

    /** One reconcile run as recorded. Counts are null until the run completed. */
    public record Run(long runId, YearMonth month, String folder, String status, String owner,
                      LocalDate lastCompletedDate, Instant startedAt, Instant finishedAt, Long microsoftRows,
                      Long compared, Long setAside, Long malformed, Long ourLines, Long matched, Long otherMonth,
                      Long amountDiffers, Long onlyMicrosoft, Long onlyOurs, String message) {
        public static final String STARTED = "STARTED";
        public static final String COMPLETED = "COMPLETED";
        public static final String FAILED = "FAILED";
        /** An unfinished run given up because a new one (other files) was started for its month. */
        public static final String SUPERSEDED = "SUPERSEDED";

        public boolean unfinished() { return STARTED.equals(status) || FAILED.equals(status); }
    }

    /** An input file of a run; the counts are null until the load step read it. */
    public record RunFile(String name, String sha256, Long rows, Long compared, Long setAside, Long malformed) {}

    /** The figures of a completed run, by status. */
    public record RunCounts(long microsoftRows, long compared, long setAside, long malformed, long ourLines,
                            long matched, long otherMonth, long amountDiffers, long onlyMicrosoft, long onlyOurs) {}

    /** One row of reconciliation-summary.csv as recorded with the run. */
    public record CurrencyFigures(String currency, long microsoftRows, BigDecimal microsoftTotal, long ourLines,
                                  BigDecimal ourTotal, long matched, BigDecimal matchedTotal, long differences,
                                  BigDecimal differenceTotal, long onlyMicrosoft, BigDecimal onlyMicrosoftTotal,
                                  long onlyOurs, BigDecimal onlyOursTotal) {}

    /** Records a new run of {@code month} with its input files (name and SHA-256, in file-name order). */
    public long beginRun(YearMonth month, String folder, String owner, LocalDate lastCompleted, Instant now,
                         List<Map.Entry<String, String>> files) {
        Long id = jdbc.queryForObject("""
                INSERT INTO recon_run (month, folder, status, owner, last_completed_date, started_at)
                VALUES (?, ?, 'STARTED', ?, ?, ?) RETURNING run_id""", Long.class,
                month.toString(), folder, owner, lastCompleted, utc(now));
        for (Map.Entry<String, String> f : files) {
            jdbc.update("INSERT INTO recon_run_file (run_id, file_name, sha256) VALUES (?, ?, ?)", id, f.getKey(),
                    f.getValue());
        }
        return id;
    }

    /** Marks a run STARTED again (a restart), with its new owner. */
    public void resume(long runId, String owner) {
        jdbc.update("UPDATE recon_run SET status = 'STARTED', owner = ?, message = NULL WHERE run_id = ?", owner, runId);
    }

    public void fail(long runId, String message, Instant now) {
        jdbc.update("UPDATE recon_run SET status = 'FAILED', message = ?, finished_at = ? WHERE run_id = ?",
                message, utc(now), runId);
    }

    public void supersede(long runId) {
        jdbc.update("UPDATE recon_run SET status = 'SUPERSEDED' WHERE run_id = ?", runId);
    }

    /** Records a file's row accounting (rows = compared + set aside + malformed). */
    public void recordFileCounts(long runId, String file, long rows, long compared, long setAside, long malformed) {
        jdbc.update("UPDATE recon_run_file SET rows = ?, compared = ?, set_aside = ?, malformed = ?"
                + " WHERE run_id = ? AND file_name = ?", rows, compared, setAside, malformed, runId, file);
    }

    /** Records the run's figures; called by the step that wrote the report, in its transaction. */
    public void recordFigures(long runId, RunCounts c, List<CurrencyFigures> currencies) {
        jdbc.update("""
                UPDATE recon_run SET microsoft_rows = ?, compared = ?, set_aside = ?, malformed = ?, our_lines = ?,
                  matched = ?, other_month = ?, amount_differs = ?, only_microsoft = ?, only_ours = ?
                WHERE run_id = ?""", c.microsoftRows(), c.compared(), c.setAside(), c.malformed(), c.ourLines(),
                c.matched(), c.otherMonth(), c.amountDiffers(), c.onlyMicrosoft(), c.onlyOurs(), runId);
        jdbc.update("DELETE FROM recon_run_currency WHERE run_id = ?", runId);
        for (CurrencyFigures f : currencies) {
            jdbc.update("""
                    INSERT INTO recon_run_currency (run_id, currency, microsoft_rows, microsoft_total, our_lines,
                      our_total, matched, matched_total, differences, difference_total, only_microsoft,
                      only_microsoft_total, only_ours, only_ours_total) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    runId, f.currency(), f.microsoftRows(), f.microsoftTotal(), f.ourLines(), f.ourTotal(),
                    f.matched(), f.matchedTotal(), f.differences(), f.differenceTotal(), f.onlyMicrosoft(),
                    f.onlyMicrosoftTotal(), f.onlyOurs(), f.onlyOursTotal());
        }
    }

    public void complete(long runId, Instant now) {
        jdbc.update("UPDATE recon_run SET status = 'COMPLETED', finished_at = ?, message = NULL WHERE run_id = ?",
                utc(now), runId);
    }

    public Run find(long runId) {
        List<Run> r = jdbc.query("SELECT * FROM recon_run WHERE run_id = ?", ReconciliationStore::run, runId);
        return r.isEmpty() ? null : r.get(0);
    }

    /** The latest run of a month, or null. */
    public Run latest(YearMonth month) {
        List<Run> r = jdbc.query("SELECT * FROM recon_run WHERE month = ? ORDER BY run_id DESC LIMIT 1",
                ReconciliationStore::run, month.toString());
        return r.isEmpty() ? null : r.get(0);
    }

    /** Every run of a month (or of every month when null), newest first. */
    public List<Run> history(YearMonth month) {
        return month == null
                ? jdbc.query("SELECT * FROM recon_run ORDER BY run_id DESC", ReconciliationStore::run)
                : jdbc.query("SELECT * FROM recon_run WHERE month = ? ORDER BY run_id DESC", ReconciliationStore::run,
                        month.toString());
    }

    public List<RunFile> files(long runId) {
        return jdbc.query("SELECT * FROM recon_run_file WHERE run_id = ? ORDER BY file_name", (rs, i) -> new RunFile(
                rs.getString("file_name"), rs.getString("sha256"), (Long) rs.getObject("rows"),
                (Long) rs.getObject("compared"), (Long) rs.getObject("set_aside"), (Long) rs.getObject("malformed")),
                runId);
    }

    public List<CurrencyFigures> currencies(long runId) {
        return jdbc.query("SELECT * FROM recon_run_currency WHERE run_id = ? ORDER BY currency", (rs, i) ->
                new CurrencyFigures(rs.getString("currency"), rs.getLong("microsoft_rows"),
                        rs.getBigDecimal("microsoft_total"), rs.getLong("our_lines"), rs.getBigDecimal("our_total"),
                        rs.getLong("matched"), rs.getBigDecimal("matched_total"), rs.getLong("differences"),
                        rs.getBigDecimal("difference_total"), rs.getLong("only_microsoft"),
                        rs.getBigDecimal("only_microsoft_total"), rs.getLong("only_ours"),
                        rs.getBigDecimal("only_ours_total")), runId);
    }

    private static Run run(ResultSet rs, int i) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new Run(rs.getLong("run_id"), YearMonth.parse(rs.getString("month")), rs.getString("folder"),
                rs.getString("status"), rs.getString("owner"), rs.getObject("last_completed_date", LocalDate.class),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), (Long) rs.getObject("microsoft_rows"),
                (Long) rs.getObject("compared"), (Long) rs.getObject("set_aside"), (Long) rs.getObject("malformed"),
                (Long) rs.getObject("our_lines"), (Long) rs.getObject("matched"), (Long) rs.getObject("other_month"),
                (Long) rs.getObject("amount_differs"), (Long) rs.getObject("only_microsoft"),
                (Long) rs.getObject("only_ours"), rs.getString("message"));
    }

    // ---- Microsoft's rows -----------------------------------------------------------------------------

    /**
     * A row of Microsoft's file as stored: a compared row ({@code code} null, every key part set) or a set-aside
     * one ({@code code} and {@code message} set, the rest whatever could be read).
     */
    public record MicrosoftRecord(String file, long line, String code, String subscriptionId, ChargeType chargeType,
                                  String chargeTypeText, LocalDate chargeStartDate, LocalDate chargeEndDate,
                                  Boolean credit, Integer quantity, String customerId, BigDecimal subtotal,
                                  String currency, BigDecimal effectiveUnitPrice, String pricingCurrency,
                                  String exchangeRate, String invoiceNumber, String referenceId, String message) {}

    /** Gives the planner the working table's size after a load (its statistics are empty until then). */
    public void analyzeWork() {
        jdbc.execute("ANALYZE recon_microsoft_row");
    }

    /** Empties the working tables (one reconcile at a time holds the run lock). */
    public void clearWork() {
        jdbc.execute("TRUNCATE recon_microsoft_row, recon_result");
    }

    /** COPYs a chunk of Microsoft's rows, in the caller's transaction. */
    public void storeMicrosoftRows(long runId, List<MicrosoftRecord> rows) {
        if (rows.isEmpty()) return;
        CopyRows copy = new CopyRows();
        for (MicrosoftRecord m : rows) {
            copy.number(runId).text(clean(m.file())).number(m.line()).text(m.code()).text(clean(m.subscriptionId()))
                    .text(clean(m.chargeType() != null ? m.chargeType().feedName() : m.chargeTypeText()))
                    .number(m.chargeType() == null ? null : m.chargeType().ordinal())
                    .text(m.chargeStartDate() == null ? null : m.chargeStartDate().toString())
                    .text(m.chargeEndDate() == null ? null : m.chargeEndDate().toString())
                    .text(m.credit() == null ? null : m.credit() ? "t" : "f").number(m.quantity())
                    .text(clean(m.customerId())).text(plain(m.subtotal())).text(clean(m.currency()))
                    .text(plain(m.effectiveUnitPrice())).text(clean(m.pricingCurrency())).text(clean(m.exchangeRate()))
                    .text(clean(m.invoiceNumber())).text(clean(m.referenceId())).text(clean(m.message())).end();
        }
        copyIn(copy, "recon_microsoft_row");
    }

    /** Microsoft's compared rows of the run in key order, then file name and line: a cursor on its own connection. */
    public Cursor<MicrosoftRecord> microsoftRowsInKeyOrder(long runId) {
        return new Cursor<>(dataSource, """
                SELECT * FROM recon_microsoft_row WHERE run_id = ? AND code IS NULL
                ORDER BY subscription_id, charge_type_order, charge_start_date, charge_end_date, credit, quantity,
                  file_name, line""", ps -> ps.setLong(1, runId), ReconciliationStore::microsoft);
    }

    /** Microsoft's set-aside rows of the run (unsupported charge type or malformed), in file and line order. */
    public void setAsideRows(long runId, Consumer<MicrosoftRecord> sink) {
        jdbc.query("SELECT * FROM recon_microsoft_row WHERE run_id = ? AND code IS NOT NULL ORDER BY file_name, line",
                (RowCallbackHandler) rs -> sink.accept(microsoft(rs)), runId);
    }

    private static MicrosoftRecord microsoft(ResultSet rs) throws SQLException {
        Object order = rs.getObject("charge_type_order");
        ChargeType type = order == null ? null : ChargeType.values()[((Number) order).intValue()];
        return new MicrosoftRecord(rs.getString("file_name"), rs.getLong("line"), rs.getString("code"),
                rs.getString("subscription_id"), type, rs.getString("charge_type"),
                rs.getObject("charge_start_date", LocalDate.class), rs.getObject("charge_end_date", LocalDate.class),
                (Boolean) rs.getObject("credit"), (Integer) rs.getObject("quantity"), rs.getString("customer_id"),
                rs.getBigDecimal("subtotal"), rs.getString("currency"), rs.getBigDecimal("effective_unit_price"),
                rs.getString("pricing_currency"), rs.getString("exchange_rate"), rs.getString("invoice_number"),
                rs.getString("reference_id"), rs.getString("message"));
    }

    // ---- our lines ------------------------------------------------------------------------------------

    /**
     * One of our invoice lines as reconcile compares it, with the inputs of its proration (null for a line billed
     * before explanations were recorded) and the R14 mode it was billed in.
     */
    public record LineRecord(String lineId, String invoiceNumber, YearMonth invoiceMonth, String subscriptionId,
                             ChargeType chargeType, LocalDate chargeStartDate, LocalDate chargeEndDate, int quantity,
                             String customerId, BigDecimal subtotal, String currency, BigDecimal unitPrice,
                             Integer remainingDays, Integer cycleDays, Rounding billedIn) {
        public boolean credit() { return subtotal.signum() < 0; }
    }

    /**
     * Our lines of interest for the month, in key order then LineId, through a cursor on its own connection: every
     * line on the month's invoices, and every line of another month whose key one of Microsoft's compared rows of
     * the run names (RECON_OTHER_MONTH needs them; the others of other months belong to their own month).
     */
    public Cursor<LineRecord> ourLinesInKeyOrder(long runId, YearMonth month) {
        // two parts, not one OR: an EXISTS under an OR is run once per line, while on its own it is a semi-join
        String columns = """
                SELECT l.line_id, l.invoice_number, l.subscription_id, l.charge_type, l.charge_start_date,
                  l.charge_end_date, l.quantity, l.customer_id, l.subtotal, l.currency, l.unit_price,
                """ + ExplanationColumns.remainingDaysSql("l.") + " AS remaining_days, "
                + ExplanationColumns.cycleDaysSql("l.") + " AS cycle_days, coalesce("
                + ExplanationColumns.roundingSql("l.") + ", r.rounding) AS rounding, l.subtotal < 0 AS credit, "
                + TYPE_ORDER + """
                 AS type_order FROM invoice_line l LEFT JOIN business_run r ON r.business_date = l.billed_on""";
        return new Cursor<>(dataSource, columns + """
                 WHERE l.invoice_number >= ? AND l.invoice_number < ?
                UNION ALL
                """ + columns + """
                 WHERE NOT (l.invoice_number >= ? AND l.invoice_number < ?)
                  AND EXISTS (SELECT 1 FROM recon_microsoft_row m WHERE m.run_id = ? AND m.code IS NULL
                      AND m.subscription_id = l.subscription_id AND m.charge_type = l.charge_type
                      AND m.charge_start_date = l.charge_start_date AND m.charge_end_date = l.charge_end_date
                      AND m.credit = (l.subtotal < 0) AND m.quantity = l.quantity)
                ORDER BY subscription_id, type_order, charge_start_date, charge_end_date, credit, quantity,
                  line_id""", ps -> {
            String from = InvoiceNumbers.monthPrefix(month);
            String to = InvoiceNumbers.monthPrefix(month.plusMonths(1));
            ps.setString(1, from);
            ps.setString(2, to);
            ps.setString(3, from);
            ps.setString(4, to);
            ps.setLong(5, runId);
        }, rs -> {
            String invoice = rs.getString(2);
            String rounding = rs.getString(14);
            return new LineRecord(rs.getString(1), invoice, invoiceMonth(invoice), rs.getString(3),
                    ChargeType.parse(rs.getString(4)), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                    rs.getInt(7), rs.getString(8), rs.getBigDecimal(9), rs.getString(10), rs.getBigDecimal(11),
                    (Integer) rs.getObject(12), (Integer) rs.getObject(13),
                    rounding == null ? null : Rounding.valueOf(rounding));
        });
    }

    /** The month of an InvoiceNumber {@code INV-YYYYMM-...}. */
    static YearMonth invoiceMonth(String invoiceNumber) {
        return YearMonth.of(Integer.parseInt(invoiceNumber.substring(4, 8)), Integer.parseInt(invoiceNumber.substring(8, 10)));
    }


    // ---- subscription facts ---------------------------------------------------------------------------

    /** Whether the commerce feed ever named a subscription, and the first successful LicensesAssigned and Activate. */
    public record SubscriptionRecord(boolean namedByCommerce, LocalDate firstLicensesAssigned, LocalDate firstActivate) {}

    /**
     * What the ledger knows about a subscription Microsoft charged without a line of ours. Asked once per such
     * row, by key (both tables are keyed by subscription first). Dates are UTC days, as R1's billing start.
     */
    public SubscriptionRecord subscription(String subscriptionId) {
        return jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM commerce_version WHERE subscription_id = ?) AS named,
                  (SELECT min(occurred_at) FROM fulfillment_event WHERE subscription_id = ? AND action = ?
                     AND status = ?) AS assigned,
                  (SELECT min(occurred_at) FROM fulfillment_event WHERE subscription_id = ? AND action = ?
                     AND status = ?) AS activated""", (rs, i) -> new SubscriptionRecord(rs.getBoolean("named"),
                        utcDay(rs.getObject("assigned", OffsetDateTime.class)),
                        utcDay(rs.getObject("activated", OffsetDateTime.class))),
                subscriptionId, subscriptionId, FulfillmentAction.LICENSES_ASSIGNED.name(),
                OperationStatus.SUCCEEDED.name(), subscriptionId, FulfillmentAction.ACTIVATE.name(),
                OperationStatus.SUCCEEDED.name());
    }

    private static LocalDate utcDay(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    // ---- the report's rows ----------------------------------------------------------------------------

    /** A rendered row of reconciliation.csv with the values of its sort order. */
    public record ResultRecord(int severityRank, String code, String subscriptionId, String chargeStartDate,
                               String direction, String microsoftFile, long microsoftLine, String ourLineId,
                               String rowText) {}

    /** COPYs a chunk of the report's rows, in the caller's transaction. */
    public void storeResults(long runId, List<ResultRecord> rows) {
        if (rows.isEmpty()) return;
        CopyRows copy = new CopyRows();
        for (ResultRecord r : rows) {
            copy.number(runId).number(r.severityRank()).text(r.code()).text(clean(r.subscriptionId()))
                    .text(r.chargeStartDate()).text(r.direction()).text(clean(r.microsoftFile()))
                    .number(r.microsoftLine()).text(r.ourLineId()).text(clean(r.rowText())).end();
        }
        copyIn(copy, "recon_result");
    }

    /**
     * The report's rows in its order (Severity, Code, SubscriptionId, ChargeStartDate, Direction, MicrosoftFile,
     * MicrosoftLine, OurLineId; text in binary order), streamed with a cursor in the caller's transaction.
     */
    public void resultsInReportOrder(long runId, Consumer<String> sink) {
        jdbc.execute((Connection c) -> {
            boolean auto = c.getAutoCommit();
            if (auto) c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                st.execute("SET LOCAL work_mem = '256MB'");
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT row_text FROM recon_result WHERE run_id = ?
                    ORDER BY severity_rank, code, subscription_id, charge_start_date, direction, microsoft_file,
                      microsoft_line, our_line_id""")) {
                ps.setLong(1, runId);
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) sink.accept(rs.getString(1));
                }
            } finally {
                if (auto) {
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
            return null;
        });
    }

    // ---- plumbing -------------------------------------------------------------------------------------

    private void copyIn(CopyRows copy, String table) {
        jdbc.execute((Connection c) -> {
            copy.copyInto(c, table);
            return null;
        });
    }

    /** PostgreSQL text cannot hold NUL; a hostile file's NUL is shown as U+FFFD (the row is malformed anyway). */
    private static String clean(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    private static String plain(BigDecimal d) { return d == null ? null : d.toPlainString(); }

    private static OffsetDateTime utc(Instant i) { return i.atOffset(ZoneOffset.UTC); }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * A server-side cursor on a connection of its own (read-only transaction, {@link #FETCH} rows a round trip),
     * so two of them can be merged side by side while the caller writes on its transaction's connection. Close it.
     */
    public static final class Cursor<T> implements Iterator<T>, AutoCloseable {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final Mapper<T> mapper;
        private final String sql;
        private T next;
        private boolean done;

        Cursor(DataSource ds, String sql, Binder binder, Mapper<T> mapper) {
            this.sql = sql;
            this.mapper = mapper;
            Connection c = null;
            try {
                c = ds.getConnection();
                c.setAutoCommit(false);
                c.setReadOnly(true);
                PreparedStatement ps = c.prepareStatement(sql);
                ps.setFetchSize(FETCH);
                binder.bind(ps);
                try (var st = c.createStatement()) {
                    st.execute("SET LOCAL work_mem = '256MB'"); // the sort rarely spills at a month's size
                }
                this.connection = c;
                this.statement = ps;
                this.rows = ps.executeQuery();
            } catch (SQLException e) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw new UncategorizedSQLException("reconcile cursor", sql, e);
            }
        }

        @Override
        public boolean hasNext() {
            if (next != null) return true;
            if (done) return false;
            try {
                if (rows.next()) {
                    next = mapper.map(rows);
                    return true;
                }
                done = true;
                return false;
            } catch (SQLException e) {
                throw new UncategorizedSQLException("reconcile cursor", sql, e);
            }
        }

        @Override
        public T next() {
            if (!hasNext()) throw new NoSuchElementException();
            T t = next;
            next = null;
            return t;
        }

        @Override
        public void close() {
            try (connection) {
                rows.close();
                statement.close();
                connection.rollback(); // read-only: nothing to keep
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new UncategorizedSQLException("closing the reconcile cursor", sql, e);
            }
        }
    }
}
