package com.marketplacebilling.ops;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code bin/billing status}: the recent business dates, what state each is in, counts and the last message. */
@Component
public class StatusReport {
    private final JdbcTemplate jdbc;

    public StatusReport(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    public Outcome render(LocalDate date, int last) {
        String where = date == null ? "" : " WHERE r.business_date = ?";
        Object[] args = date == null ? new Object[] {last} : new Object[] {date, last};
        List<String> rows = jdbc.query("""
                SELECT r.business_date, r.status, r.started_at, r.completed_at,
                  (SELECT coalesce(sum(data_rows), 0) FROM feed_file f WHERE f.business_date = r.business_date) AS rows_read,
                  (SELECT count(DISTINCT (source_file, source_line)) FROM billing_exception e
                     WHERE e.business_date = r.business_date AND e.source_line > 0 AND e.source_file NOT LIKE '%/%'
                     AND e.code IN ('MALFORMED_ROW','DUPLICATE_EVENT','CONFLICTING_EVENT','PUBLISHER_MISMATCH',
                                    'REACTIVATION_REFUSED','IMMUTABLE_FIELD_CHANGED','CURRENCY_CHANGED')) AS rejected,
                  (SELECT count(*) FROM invoice_line l WHERE l.billed_on = r.business_date) AS lines,
                  (SELECT count(*) FROM billing_exception e WHERE e.business_date = r.business_date) AS exceptions,
                  (SELECT je.exit_message FROM batch_job_execution je
                     JOIN batch_job_execution_params p ON p.job_execution_id = je.job_execution_id
                     WHERE p.parameter_name = 'businessDate' AND p.parameter_value = r.business_date::text
                     ORDER BY je.job_execution_id DESC LIMIT 1) AS exit_message
                FROM business_run r""" + where + " ORDER BY r.business_date DESC LIMIT ?", (rs, i) -> {
            OffsetDateTime started = rs.getObject("started_at", OffsetDateTime.class);
            OffsetDateTime done = rs.getObject("completed_at", OffsetDateTime.class);
            long read = rs.getLong("rows_read");
            long rejected = rs.getLong("rejected");
            String msg = rs.getString("exit_message");
            msg = msg == null || msg.isBlank() ? "" : msg.lines().findFirst().orElse("").strip();
            if (msg.length() > 100) msg = msg.substring(0, 100) + "...";
            return String.format(Locale.ROOT, "%-10s  %-9s  %-20s  %9s  %9d  %9d  %9d  %7d  %10d  %s",
                    rs.getObject("business_date", LocalDate.class), rs.getString("status"),
                    started.toLocalDateTime().withNano(0), duration(started, done), read, read - rejected, rejected,
                    rs.getLong("lines"), rs.getLong("exceptions"), msg);
        }, args);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%-10s  %-9s  %-20s  %9s  %9s  %9s  %9s  %7s  %10s  %s%n", "date", "state", "started (UTC)",
                "duration", "rows read", "accepted", "rejected", "lines", "exceptions", "last exit message"));
        rows.forEach(r -> sb.append(r).append('\n'));
        if (rows.isEmpty()) sb.append("(no runs yet)\n");
        return Outcome.ok(sb.toString().stripTrailing());
    }

    private static String duration(OffsetDateTime a, OffsetDateTime b) {
        if (b == null) return "-";
        Duration d = Duration.between(a, b);
        return String.format(Locale.ROOT, "%d.%01ds", d.getSeconds(), d.toMillisPart() / 100);
    }

}
