package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.Rounding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Which business dates ran, with which settings and inputs, and whether they completed. */
public class RunRegistry {
    private final JdbcTemplate jdbc;

    public RunRegistry(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    public BusinessRun find(LocalDate d) {
        List<BusinessRun> r = jdbc.query("SELECT * FROM business_run WHERE business_date = ?", RunRegistry::map, d);
        return r.isEmpty() ? null : r.get(0);
    }

    public LocalDate lastCompleted() {
        return jdbc.queryForObject("SELECT max(business_date) FROM business_run WHERE status = 'COMPLETED'",
                LocalDate.class);
    }

    /** A date other than {@code d} whose run started and neither completed nor was abandoned, or null. */
    public BusinessRun unfinishedOtherThan(LocalDate d) {
        List<BusinessRun> r = jdbc.query("SELECT * FROM business_run WHERE status = 'STARTED' AND business_date <> ?"
                + " ORDER BY business_date LIMIT 1", RunRegistry::map, d);
        return r.isEmpty() ? null : r.get(0);
    }


    /** Records the start of a date's run (first attempt) or its new owner (later attempts). */
    public BusinessRun begin(LocalDate d, BillingPolicy policy, String owner, Instant now) {
        jdbc.update("""
                INSERT INTO business_run (business_date, status, rounding, legacy_until, last_completed_before,
                  first_open_month, owner, started_at)
                VALUES (?, 'STARTED', ?, ?, (SELECT max(business_date) FROM business_run WHERE status = 'COMPLETED'),
                  (SELECT to_char(to_date(max(month), 'YYYY-MM') + interval '1 month', 'YYYY-MM') FROM closed_month),
                  ?, ?)
                ON CONFLICT (business_date) DO UPDATE SET owner = EXCLUDED.owner""",
                d, policy.rounding().name(), utc(policy.cancellationLegacyUntil()), owner, utc(now));
        return find(d);
    }

    public void complete(LocalDate d, Instant now) {
        jdbc.update("UPDATE business_run SET status = 'COMPLETED', completed_at = ? WHERE business_date = ?",
                utc(now), d);
    }

    /**
     * Marks the date ABANDONED and forgets its facts and outcomes: nothing of it was published, so nothing may
     * count as billed that finance never saw. Call inside a transaction.
     */
    public void abandon(LocalDate d) {
        jdbc.update("DELETE FROM invoice_line WHERE billed_on = ?", d);
        jdbc.update("DELETE FROM billing_exception WHERE business_date = ?", d);
        jdbc.update("DELETE FROM commerce_version WHERE business_date = ?", d);
        jdbc.update("DELETE FROM fulfillment_event WHERE business_date = ?", d);
        jdbc.update("DELETE FROM feed_file WHERE business_date = ?", d);
        jdbc.update("UPDATE business_run SET status = 'ABANDONED' WHERE business_date = ?", d);
    }

    /** What a date's run stored: its invoice lines and exceptions. */
    public record Outcomes(long lines, long exceptions) {}

    public Outcomes outcomes(LocalDate d) {
        return new Outcomes(lines(d),
                jdbc.queryForObject("SELECT count(*) FROM billing_exception WHERE business_date = ?", Long.class, d));
    }

    /** The invoice lines a date's run stored. */
    public long lines(LocalDate d) {
        return jdbc.queryForObject("SELECT count(*) FROM invoice_line WHERE billed_on = ?", Long.class, d);
    }

    /** The exceptions a date's run stored, by code (codes without any are absent). */
    public Map<String, Long> exceptionsByCode(LocalDate d) {
        Map<String, Long> byCode = new LinkedHashMap<>();
        jdbc.query("SELECT code, count(*) FROM billing_exception WHERE business_date = ? GROUP BY code", rs -> {
            byCode.put(rs.getString(1), rs.getLong(2));
        }, d);
        return byCode;
    }

    /** The last date that completed or was abandoned (settled for good), or null. */
    public LocalDate lastSettled() {
        return jdbc.queryForObject("SELECT max(business_date) FROM business_run WHERE status IN"
                + " ('COMPLETED', 'ABANDONED')", LocalDate.class);
    }

    /** The earliest date whose run started and neither completed nor was abandoned, or null. */
    public LocalDate earliestStarted() {
        return jdbc.queryForObject("SELECT min(business_date) FROM business_run WHERE status ="
                + " 'STARTED'", LocalDate.class);
    }

    /** The database's run lock (see {@link RunLock}), or null when another session holds it. */
    public RunLock tryLock() throws SQLException {
        return RunLock.tryAcquire(jdbc.getDataSource());
    }

    /** The latest date whose run is recorded as started and not finished, or null. */
    public BusinessRun latestStarted() {
        List<BusinessRun> r = jdbc.query("SELECT * FROM business_run WHERE status = 'STARTED'"
                + " ORDER BY business_date DESC LIMIT 1", RunRegistry::map);
        return r.isEmpty() ? null : r.get(0);
    }

    // ---- month close -----------------------------------------------------------------------------------

    /** The latest closed month, or null. */
    public YearMonth lastClosedMonth() {
        String m = jdbc.queryForObject("SELECT max(month) FROM closed_month", String.class);
        return m == null ? null : YearMonth.parse(m);
    }

    public void closeMonth(YearMonth month, long invoices, long lines, Instant now) {
        jdbc.update("INSERT INTO closed_month (month, closed_at, invoices, lines) VALUES (?, ?, ?, ?)",
                month.toString(), utc(now), invoices, lines);
    }

    // ---- input files ----------------------------------------------------------------------------------

    /** The checksum recorded at the first read of a date's file, or null. */
    public String recordedChecksum(LocalDate d, String file) {
        List<String> r = jdbc.queryForList("SELECT sha256 FROM feed_file WHERE business_date = ? AND file_name = ?",
                String.class, d, file);
        return r.isEmpty() ? null : r.get(0);
    }

    public void recordChecksum(LocalDate d, String file, String sha256) {
        jdbc.update("INSERT INTO feed_file (business_date, file_name, sha256, data_rows, malformed_rows, stored_rows)"
                + " VALUES (?, ?, ?, 0, 0, 0) ON CONFLICT DO NOTHING", d, file, sha256);
    }

    /** Reader-side counts of a file, written in the same transaction as the chunk they describe. */
    public void recordCounts(LocalDate d, String file, long dataRows, long malformedRows) {
        jdbc.update("UPDATE feed_file SET data_rows = ?, malformed_rows = ?, stored_rows = ? WHERE business_date = ?"
                + " AND file_name = ?", dataRows, malformedRows, dataRows - malformedRows, d, file);
    }

    public record FeedFile(String fileName, String sha256, long dataRows, long malformedRows) {}

    public List<FeedFile> feedFiles(LocalDate d) {
        return jdbc.query("SELECT * FROM feed_file WHERE business_date = ? ORDER BY file_name",
                (rs, i) -> new FeedFile(rs.getString("file_name"), rs.getString("sha256"), rs.getLong("data_rows"),
                        rs.getLong("malformed_rows")), d);
    }

    private static BusinessRun map(ResultSet rs, int i) throws SQLException {
        OffsetDateTime completed = rs.getObject("completed_at", OffsetDateTime.class);
        String open = rs.getString("first_open_month");
        return new BusinessRun(rs.getObject("business_date", LocalDate.class), rs.getString("status"),
                Rounding.valueOf(rs.getString("rounding")),
                rs.getObject("legacy_until", OffsetDateTime.class).toInstant(),
                rs.getObject("last_completed_before", LocalDate.class), open == null ? null : YearMonth.parse(open),
                rs.getString("owner"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                completed == null ? null : completed.toInstant());
    }

    private static OffsetDateTime utc(Instant i) { return i.atOffset(ZoneOffset.UTC); }
}
