package com.marketplacebilling.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read side of the runs: each business date's state (derived from the ledger's run record, the last Spring Batch
 * execution of the date and whether the run lock is held), its last attempt's duration, counts, the failing
 * step's message and the steps of the last attempt.
 */
public class RunStatusStore {
    private final JdbcTemplate jdbc;

    public RunStatusStore(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    /** One date's run. {@code duration} is that of the last attempt (to now while running); null if unknown. */
    public record RunStatus(LocalDate businessDate, RunState state, int attempts, Instant startedAt,
                            Duration duration, long rowsRead, long rowsRejected, long lines, long exceptions,
                            String message) {
        public long rowsAccepted() { return rowsRead - rowsRejected; }
    }

    /** A step of a date's last attempt. */
    public record StepStatus(String step, String status, long read, long written, long skipped, Duration duration) {}

    /** The most recent {@code last} dates (or the one date), newest first. */
    public List<RunStatus> recent(LocalDate date, int last, Instant now) {
        String where = date == null ? "" : " WHERE r.business_date = ?";
        Object[] args = date == null ? new Object[] {last} : new Object[] {date, last};
        boolean locked = Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE"
                + " locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = ?)",
                Boolean.class, RunLock.KEY));
        return jdbc.query("""
                WITH runs AS (SELECT * FROM business_run r""" + where + """
                 ORDER BY business_date DESC LIMIT ?),
                executions AS (
                  SELECT p.parameter_value::date AS business_date, je.job_execution_id, je.status, je.start_time,
                    je.end_time, je.exit_message,
                    count(*) OVER (PARTITION BY p.parameter_value) AS attempts,
                    row_number() OVER (PARTITION BY p.parameter_value ORDER BY je.job_execution_id DESC) AS newest
                  FROM batch_job_execution je
                  JOIN batch_job_execution_params p ON p.job_execution_id = je.job_execution_id
                  WHERE p.parameter_name = '{PARAMETER}' AND p.parameter_value IN (SELECT business_date::text FROM runs))
                SELECT r.business_date, r.status, r.started_at, r.completed_at, e.status AS job_status, e.start_time,
                  e.end_time, coalesce(e.attempts, 0) AS attempts,
                  (SELECT s.exit_message FROM batch_step_execution s WHERE s.job_execution_id = e.job_execution_id
                     AND s.status IN ('FAILED', 'STOPPED', 'UNKNOWN') ORDER BY s.step_execution_id DESC LIMIT 1) AS step_message,
                  e.exit_message,
                  (SELECT coalesce(sum(data_rows), 0) FROM feed_file f WHERE f.business_date = r.business_date) AS rows_read,
                  (SELECT count(DISTINCT (source_file, source_line)) FROM billing_exception x
                     WHERE x.business_date = r.business_date AND x.source_line > 0 AND x.source_file NOT LIKE '%/%'
                     AND x.code IN {REJECTING}) AS rejected,
                  (SELECT count(*) FROM invoice_line l WHERE l.billed_on = r.business_date) AS lines,
                  (SELECT count(*) FROM billing_exception x WHERE x.business_date = r.business_date) AS exceptions
                FROM runs r LEFT JOIN executions e ON e.business_date = r.business_date AND e.newest = 1
                ORDER BY r.business_date DESC""".replace("{PARAMETER}", BusinessRun.JOB_PARAMETER)
                        .replace("{REJECTING}", LedgerRows.REJECTING_CODES),
                (rs, i) -> map(rs, locked, now), args);
    }

    /** The steps of the last attempt of a date, in the order they started. */
    public List<StepStatus> steps(LocalDate date) {
        List<StepStatus> steps = new ArrayList<>();
        jdbc.query("""
                SELECT s.step_name, s.status, s.read_count, s.write_count,
                  s.read_skip_count + s.write_skip_count + s.process_skip_count AS skipped, s.start_time, s.end_time
                FROM batch_step_execution s WHERE s.job_execution_id = (
                  SELECT max(p.job_execution_id) FROM batch_job_execution_params p
                  WHERE p.parameter_name = '{PARAMETER}' AND p.parameter_value = ?)
                ORDER BY s.start_time, s.step_execution_id""".replace("{PARAMETER}", BusinessRun.JOB_PARAMETER), rs -> {
            steps.add(new StepStatus(rs.getString("step_name"), rs.getString("status"), rs.getLong("read_count"),
                    rs.getLong("write_count"), rs.getLong("skipped"),
                    between(rs.getObject("start_time", LocalDateTime.class), rs.getObject("end_time", LocalDateTime.class))));
        }, date.toString());
        return steps;
    }

    private static RunStatus map(ResultSet rs, boolean locked, Instant now) throws SQLException {
        BusinessRun.Status recorded = BusinessRun.Status.valueOf(rs.getString("status"));
        String jobStatus = rs.getString("job_status");
        BatchStatus job = jobStatus == null ? null : BatchStatus.valueOf(jobStatus);
        RunState state = switch (recorded) {
            case COMPLETED -> RunState.COMPLETED;
            case ABANDONED -> RunState.ABANDONED;
            case STARTED -> job == null ? (locked ? RunState.RUNNING : RunState.INTERRUPTED) : switch (job) {
                case FAILED, ABANDONED, COMPLETED -> RunState.FAILED; // COMPLETED job, unrecorded end: failed at the end
                case STOPPED, STOPPING -> RunState.STOPPED;
                case STARTING, STARTED, UNKNOWN -> locked ? RunState.RUNNING : RunState.INTERRUPTED;
            };
        };
        LocalDateTime start = rs.getObject("start_time", LocalDateTime.class);
        LocalDateTime end = rs.getObject("end_time", LocalDateTime.class);
        if (end == null && state == RunState.RUNNING) end = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
        String message = firstLine(rs.getString("step_message"));
        if (message.isEmpty()) message = firstLine(rs.getString("exit_message"));
        if (state == RunState.INTERRUPTED && message.isEmpty()) {
            message = "its process ended without recording an outcome (killed?); restart resumes it";
        }
        if (state == RunState.COMPLETED) message = "";
        return new RunStatus(rs.getObject("business_date", LocalDate.class), state, rs.getInt("attempts"),
                started.toInstant(), between(start, end), rs.getLong("rows_read"), rs.getLong("rejected"),
                rs.getLong("lines"), rs.getLong("exceptions"), message);
    }

    private static Duration between(LocalDateTime a, LocalDateTime b) {
        return a == null || b == null ? null : Duration.between(a, b);
    }

    /** The first line of an exit description (a stack trace), without the exception's class name. */
    static String firstLine(String exitMessage) {
        if (exitMessage == null || exitMessage.isBlank()) return "";
        String line = exitMessage.strip().lines().findFirst().orElse("").strip();
        return line.replaceFirst("^([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error)(: )?", "").strip();
    }
}
