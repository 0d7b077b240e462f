package com.marketplacebilling.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code schedule_firing} table: every firing, which scheduler process ran it, and how it ended. */
public class FiringLog {
    private final JdbcTemplate jdbc;

    public FiringLog(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    public long begin(String schedule, Instant scheduledFireTime, Instant firedAt, String instanceId) {
        return jdbc.queryForObject("INSERT INTO schedule_firing (schedule, scheduled_fire_time, fired_at, instance_id)"
                + " VALUES (?, ?, ?, ?) RETURNING id", Long.class, schedule, utc(scheduledFireTime), utc(firedAt),
                instanceId);
    }

    public void end(long id, Instant finishedAt, String outcome) {
        jdbc.update("UPDATE schedule_firing SET finished_at = ?, outcome = ? WHERE id = ?", utc(finishedAt), outcome, id);
    }

    private static OffsetDateTime utc(Instant i) { return i.atOffset(ZoneOffset.UTC); }
}
