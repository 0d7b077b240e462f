package com.marketplacebilling.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read-only: the runs of business dates and one date's inputs, totals and exceptions, as the console shows them.
 * A completed date never changes, so its per-currency totals are computed once and kept.
 */
public class RunsView {
    /**
     * @param status      the ledger's record of the date
     * @param batchStatus its newest job execution's, null when none
     */
    public record Run(LocalDate date, BusinessRun.Status status, BatchStatus batchStatus, int attempts, Instant startedAt,
                      Instant completedAt, Duration duration, long rowsIn, long rejected, long lines, long exceptions,
                      Map<String, BigDecimal> netPerCurrency, String exitMessage, String owner) {
        public long accepted() { return rowsIn - rejected; }

        /** The state an operator acts on: COMPLETED, ABANDONED, RUNNING, or the last attempt's FAILED/STOPPED. */
        public RunState state() {
            return switch (status) {
                case COMPLETED -> RunState.COMPLETED;
                case ABANDONED -> RunState.ABANDONED;
                case STARTED -> batchStatus == null ? RunState.FAILED : switch (batchStatus) {
                    case STARTED, STARTING, STOPPING -> RunState.RUNNING;
                    case STOPPED -> RunState.STOPPED;
                    default -> RunState.FAILED;
                };
            };
        }
    }

    public record Input(String file, String sha256, long rows, long malformed, long stored) {}

    public record ExceptionGroup(String severity, String code, long count) {}

    public record ExceptionRow(String id, String severity, String code, String subscriptionId, String customerId,
                               String sourceFile, long sourceLine, String eventId, String message, String expected,
                               String actual) {}

    public record ExceptionFilter(String severity, String code, String text) {}

    private final JdbcTemplate jdbc;
    private final Map<LocalDate, Counts> completed = new ConcurrentHashMap<>();

    public RunsView(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    /** The newest {@code limit} dates, newest first. */
    public List<Run> runs(int limit) {
        return select("ORDER BY business_date DESC LIMIT ?", limit);
    }

    /** The date's run, or null when it never ran. */
    public Run run(LocalDate date) {
        List<Run> r = select("WHERE business_date = ?", date);
        return r.isEmpty() ? null : r.get(0);
    }

    private List<Run> select(String which, Object arg) {
        List<Run> runs = jdbc.query("""
                SELECT r.business_date, r.status, r.started_at, r.completed_at, r.owner, je.status AS batch_status,
                  je.exit_message, je.start_time, je.end_time, coalesce(je.attempts, 0) AS attempts
                FROM (SELECT * FROM business_run {WHICH}) r
                LEFT JOIN LATERAL (
                  SELECT x.status, x.start_time, x.end_time, count(*) OVER () AS attempts,
                    -- the job's own exit message is often empty: the failing step's says what went wrong
                    coalesce(nullif(x.exit_message, ''), (SELECT 'step ' || s.step_name || ': ' || s.exit_message
                      FROM batch_step_execution s WHERE s.job_execution_id = x.job_execution_id
                      AND s.status IN ('FAILED', 'STOPPED', 'UNKNOWN') AND s.exit_message <> ''
                      ORDER BY s.step_execution_id DESC LIMIT 1)) AS exit_message
                  FROM batch_job_execution x JOIN batch_job_execution_params p ON p.job_execution_id = x.job_execution_id
                  WHERE p.parameter_name = '{PARAMETER}' AND p.parameter_value = r.business_date::text
                  ORDER BY x.job_execution_id DESC LIMIT 1) je ON true
                ORDER BY r.business_date DESC""".replace("{WHICH}", which).replace("{PARAMETER}", BusinessRun.JOB_PARAMETER),
                (rs, i) -> {
            LocalDate d = rs.getObject("business_date", LocalDate.class);
            Instant started = rs.getObject("started_at", OffsetDateTime.class).toInstant();
            OffsetDateTime done = rs.getObject("completed_at", OffsetDateTime.class);
            LocalDateTime jobStart = rs.getObject("start_time", LocalDateTime.class);
            LocalDateTime jobEnd = rs.getObject("end_time", LocalDateTime.class);
            Duration duration = done != null ? Duration.between(started, done.toInstant())
                    : jobStart != null && jobEnd != null ? Duration.between(jobStart, jobEnd) : null;
            String batch = rs.getString("batch_status");
            return new Run(d, BusinessRun.Status.valueOf(rs.getString("status")),
                    batch == null ? null : BatchStatus.valueOf(batch), rs.getInt("attempts"), started,
                    done == null ? null : done.toInstant(), duration, 0, 0, 0, 0, Map.of(),
                    rs.getString("exit_message"), rs.getString("owner"));
        }, arg);
        List<Run> withCounts = new ArrayList<>(runs.size());
        for (Run r : runs) {
            // a completed date's counts never change: read once (a million-line date takes a while to count)
            Counts c = r.status() == BusinessRun.Status.COMPLETED
                    ? completed.compute(r.date(), (d, old) -> old != null && old.completedAt().equals(r.completedAt())
                            ? old : counts(d, r.completedAt()))
                    : counts(r.date(), null);
            withCounts.add(new Run(r.date(), r.status(), r.batchStatus(), r.attempts(), r.startedAt(), r.completedAt(),
                    r.duration(), c.rowsIn(), c.rejected(), c.lines(), c.exceptions(), c.totals(), r.exitMessage(), r.owner()));
        }
        return withCounts;
    }

    private record Counts(Instant completedAt, long rowsIn, long rejected, long lines, long exceptions,
                          Map<String, BigDecimal> totals) {}

    private Counts counts(LocalDate d, Instant completedAt) {
        long[] c = jdbc.queryForObject("""
                SELECT (SELECT coalesce(sum(data_rows), 0) FROM feed_file f WHERE f.business_date = ?),
                  (SELECT count(DISTINCT (source_file, source_line)) FROM billing_exception e
                     WHERE e.business_date = ? AND e.source_line > 0 AND e.source_file NOT LIKE '%/%'
                     AND e.code IN """ + LedgerRows.REJECTING_CODES + """
                  ),
                  (SELECT count(*) FROM billing_exception e WHERE e.business_date = ?)""",
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, d, d, d);
        Map<String, BigDecimal> totals = new TreeMap<>();
        long[] lines = {0};
        jdbc.query("SELECT currency, sum(subtotal), count(*) FROM invoice_line WHERE billed_on = ? GROUP BY currency",
                rs -> {
                    totals.put(rs.getString(1), rs.getBigDecimal(2));
                    lines[0] += rs.getLong(3);
                }, d);
        return new Counts(completedAt, c[0], c[1], lines[0], c[2], totals);
    }

    /** Sum of the subtotals billed on the date, per currency (net: credits are negative lines). */
    public Map<String, BigDecimal> netPerCurrency(LocalDate date) {
        Map<String, BigDecimal> m = new TreeMap<>();
        jdbc.query("SELECT currency, sum(subtotal) FROM invoice_line WHERE billed_on = ? GROUP BY currency",
                rs -> { m.put(rs.getString(1), rs.getBigDecimal(2)); }, date);
        return m;
    }

    public List<Input> inputs(LocalDate date) {
        return jdbc.query("SELECT * FROM feed_file WHERE business_date = ? ORDER BY file_name", (rs, i) -> new Input(
                rs.getString("file_name"), rs.getString("sha256"), rs.getLong("data_rows"), rs.getLong("malformed_rows"),
                rs.getLong("stored_rows")), date);
    }

    public List<ExceptionGroup> exceptionGroups(LocalDate date) {
        return jdbc.query("SELECT severity, code, count(*) FROM billing_exception WHERE business_date = ?"
                + " GROUP BY severity, code ORDER BY severity, count(*) DESC, code", (rs, i) -> new ExceptionGroup(
                rs.getString(1), rs.getString(2), rs.getLong(3)), date);
    }

    /** One page of the date's exceptions that match the filter, in a stable order. */
    public List<ExceptionRow> exceptions(LocalDate date, ExceptionFilter f, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String where = where(date, f, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT * FROM billing_exception" + where + " ORDER BY severity, code, source_file, source_line,"
                + " exception_id LIMIT ? OFFSET ?", (rs, i) -> new ExceptionRow(rs.getString("exception_id"),
                rs.getString("severity"), rs.getString("code"), rs.getString("subscription_id"),
                rs.getString("customer_id"), rs.getString("source_file"), rs.getLong("source_line"),
                rs.getString("event_id"), rs.getString("message"), rs.getString("expected"), rs.getString("actual")),
                args.toArray());
    }

    public long countExceptions(LocalDate date, ExceptionFilter f) {
        List<Object> args = new ArrayList<>();
        String where = where(date, f, args);
        return jdbc.queryForObject("SELECT count(*) FROM billing_exception" + where, Long.class, args.toArray());
    }

    private static String where(LocalDate date, ExceptionFilter f, List<Object> args) {
        StringBuilder sb = new StringBuilder(" WHERE business_date = ?");
        args.add(date);
        if (f.severity() != null && !f.severity().isBlank()) {
            sb.append(" AND severity = ?");
            args.add(f.severity());
        }
        if (f.code() != null && !f.code().isBlank()) {
            sb.append(" AND code = ?");
            args.add(f.code());
        }
        if (f.text() != null && !f.text().isBlank()) {
            // a plain substring: the user's text is a parameter, its % and _ are escaped
            String like = "%" + f.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sb.append(" AND (subscription_id LIKE ? OR customer_id LIKE ? OR message LIKE ? OR event_id LIKE ?)");
            for (int i = 0; i < 4; i++) args.add(like);
        }
        return sb.toString();
    }

    /** The date whose run the console would start next: the day after the last completed date. */
    public LocalDate nextDate() {
        LocalDate last = jdbc.queryForObject("SELECT max(business_date) FROM business_run WHERE status <> 'STARTED'",
                LocalDate.class);
        return last == null ? null : last.plusDays(1);
    }

    public Map<String, Long> countsByState() {
        Map<String, Long> m = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) FROM business_run GROUP BY status ORDER BY status",
                rs -> { m.put(rs.getString(1), rs.getLong(2)); });
        return m;
    }
}
