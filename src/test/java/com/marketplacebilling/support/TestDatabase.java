package com.marketplacebilling.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust auth; override
 * with TEST_PG_HOST_URL), dropped on close. One per test class.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String SERVER = System.getenv().getOrDefault("TEST_PG_HOST_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private final String name;

    private TestDatabase(String name) { this.name = name; }

    public static TestDatabase create() {
        String name = "mbtest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return new TestDatabase(name);
    }

    public String url() { return SERVER + name + "?reWriteBatchedInserts=true"; }

    public String name() { return name; }

    public Connection connect() throws SQLException { return DriverManager.getConnection(url(), "postgres", ""); }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + SERVER
                    + " (is it running? .ci/run starts it): " + e.getMessage(), e);
        }
    }
}
