package com.marketplacebilling.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One nightly run at a time per database: a PostgreSQL session advisory lock held on a dedicated connection
 * for the whole run. The server releases it when the holding session ends, so a killed process never leaves
 * it held, and a STARTED execution whose lock is free has provably lost its process.
 */
public final class RunLock implements AutoCloseable {
    static final long KEY = 0x4d42_494c_4c31L; // "MBILL1"
    private final Connection connection;

    private RunLock(Connection connection) { this.connection = connection; }

    /** The lock, or null when another session holds it. */
    public static RunLock tryAcquire(DataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) return new RunLock(c);
            }
        }
        c.close();
        return null;
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            // a session that was terminated or lost its server holds no lock any more: nothing to release, and
            // failing here would hide the run's own outcome
            if (!connection.isValid(5)) return;
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, KEY);
                ps.execute();
            }
        }
    }
}
