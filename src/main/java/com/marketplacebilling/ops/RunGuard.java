package com.marketplacebilling.ops;

import com.marketplacebilling.ledger.RunLock;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Every command that changes or publishes billing data runs holding the database's run lock. */
@Component
public class RunGuard {
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public RunGuard(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @FunctionalInterface
    public interface Work {
        Outcome run() throws Exception;
    }

    public Outcome exclusively(Work work) throws Exception {
        try (RunLock lock = RunLock.tryAcquire(dataSource)) {
            if (lock == null) return alreadyRunning();
            return work.run();
        }
    }

    private Outcome alreadyRunning() {
        record Running(LocalDate date, String owner) {}
        List<Running> running = jdbc.query("SELECT business_date, owner FROM business_run WHERE status = 'STARTED'"
                + " ORDER BY business_date DESC LIMIT 1", (rs, i) -> new Running(rs.getObject(1, LocalDate.class),
                rs.getString(2)));
        String who = running.isEmpty() ? "another process" : running.get(0).owner() + " (business date "
                + running.get(0).date() + ")";
        return Outcome.refused("refused: a run is in progress on this database by " + who);
    }
}
