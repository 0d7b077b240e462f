package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh databases for tests that need many (one per corpus case or fuzz iteration): a template database is
 * migrated once (by a CLI {@code status}, which runs Flyway), and each fresh database is a copy of it, which
 * PostgreSQL makes in milliseconds. Same server and conventions as {@link TestDatabase}.
 */
final class MigratedDatabases implements AutoCloseable {
    private static final String SERVER = System.getenv().getOrDefault("TEST_PG_HOST_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private final TestDatabase template;

    MigratedDatabases() {
        template = TestDatabase.create();
        Cli.Result r = new Cli(Cli.repository(), template.url()).run("status");
        assertThat(r.exitCode()).as("migrating the template: " + r.all()).isZero();
    }

    /** A fresh, migrated, empty database, dropped on close. */
    Copy create() {
        String name = "mbcopy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name + " TEMPLATE " + template.name());
        return new Copy(name);
    }

    @Override
    public void close() { template.close(); }

    record Copy(String name) implements AutoCloseable {
        String url() { return SERVER + name + "?reWriteBatchedInserts=true"; }

        Connection connect() throws SQLException { return DriverManager.getConnection(url(), "postgres", ""); }

        long count(String sql) {
            try (var c = connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() { admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); }
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
