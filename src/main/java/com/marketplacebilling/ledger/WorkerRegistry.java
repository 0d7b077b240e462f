package com.marketplacebilling.ledger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Remote partitioning's bookkeeping: the workers' heartbeats and which worker took which slice. Liveness is
 * judged on the database's clock ({@code now()}), so workers on other machines need no synchronized clocks.
 */
public class WorkerRegistry {
    private final JdbcTemplate jdbc;

    public WorkerRegistry(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    /** The database's name: slice requests carry it, so a worker never runs another database's slice. */
    public String database() {
        return jdbc.queryForObject("SELECT current_database()", String.class);
    }

    /** A worker process as it last reported. */
    public record Worker(String id, String host, long pid, int threads) {}

    public void beat(String workerId, String host, long pid, int threads) {
        jdbc.update("""
                INSERT INTO worker_heartbeat (worker_id, host, pid, threads, started_at, last_seen)
                VALUES (?, ?, ?, ?, now(), now())
                ON CONFLICT (worker_id) DO UPDATE SET last_seen = now()""", workerId, host, pid, threads);
    }

    /** A worker that stops cleanly leaves at once (its slices are finished or given back by then). */
    public void leave(String workerId) {
        jdbc.update("DELETE FROM worker_heartbeat WHERE worker_id = ?", workerId);
    }

    /** Forgets workers silent for longer than {@code age} (killed ones never leave by themselves). */
    public void forgetSilent(Duration age) {
        jdbc.update("DELETE FROM worker_heartbeat WHERE last_seen < now() - make_interval(secs => ?)",
                age.toMillis() / 1000.0);
    }

    /** Workers heard from within {@code timeout}. */
    public List<Worker> live(Duration timeout) {
        return jdbc.query("""
                SELECT worker_id, host, pid, threads FROM worker_heartbeat
                WHERE last_seen > now() - make_interval(secs => ?) ORDER BY worker_id""",
                (rs, i) -> new Worker(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4)),
                timeout.toMillis() / 1000.0);
    }

    /** True when this worker took the slice; false when another one already had. */
    public boolean claim(long stepExecutionId, String workerId) {
        return jdbc.update("INSERT INTO slice_claim (step_execution_id, worker_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                stepExecutionId, workerId) == 1;
    }

    /** For each of the slices that were claimed, the worker that claimed it. */
    public Map<Long, String> claims(Collection<Long> stepExecutionIds) {
        if (stepExecutionIds.isEmpty()) return Map.of();
        String ids = stepExecutionIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return jdbc.query("SELECT step_execution_id, worker_id FROM slice_claim WHERE step_execution_id = ANY (?::bigint[])",
                rs -> {
                    Map<Long, String> m = new java.util.HashMap<>();
                    while (rs.next()) m.put(rs.getLong(1), rs.getString(2));
                    return m;
                }, "{" + ids + "}");
    }
}
