package com.marketplacebilling.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Child JVM for {@link EmbeddedDatabaseTest}: starts the database in {@code args[0]}, optionally inserts a committed
 * row ({@code args[1]} = "insert"), prints {@code READY <jdbc url>} and sleeps until it is killed. On SIGTERM it
 * closes the database (shutdown hook); on SIGKILL it leaves the postmaster orphaned, as a crash would.
 */
public final class EmbeddedDatabaseChild {

    private EmbeddedDatabaseChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(db::close, "child-db-close"));
        if (args.length > 1 && "insert".equals(args[1])) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE crash_probe (id int PRIMARY KEY, note text)");
                s.execute("INSERT INTO crash_probe VALUES (1, 'committed before the crash')");
            }
        }
        System.out.println("READY " + db.jdbcUrl());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
