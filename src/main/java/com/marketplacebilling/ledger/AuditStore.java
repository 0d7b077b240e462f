package com.marketplacebilling.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit log of the console: every action and login, who, what, when and with which outcome. */
public class AuditStore {
    public record Event(long id, Instant at, String user, String action, String target, String outcome, String message) {}

    private final JdbcTemplate jdbc;

    public AuditStore(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    public void record(Instant at, String user, String action, String target, String outcome, String message) {
        String m = message == null ? "" : message;
        if (m.length() > 2000) m = m.substring(0, 2000) + "...";
        jdbc.update("INSERT INTO audit_event (at, username, action, target, outcome, message) VALUES (?, ?, ?, ?, ?, ?)",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), user, action, target == null ? "" : target, outcome, m);
    }

    /** The newest events first, a page at a time. */
    public List<Event> recent(int limit, int offset) {
        return jdbc.query("SELECT * FROM audit_event ORDER BY audit_id DESC LIMIT ? OFFSET ?", (rs, i) -> new Event(
                rs.getLong("audit_id"), rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("username"),
                rs.getString("action"), rs.getString("target"), rs.getString("outcome"), rs.getString("message")),
                limit, offset);
    }

    public long count() { return jdbc.queryForObject("SELECT count(*) FROM audit_event", Long.class); }
}
