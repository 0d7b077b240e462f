package com.marketplacebilling.ledger;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What the ledger's stores share to talk to PostgreSQL: COPY with its idempotent fallback, transactions, id arrays. */
final class LedgerJdbc {
    private LedgerJdbc() {}

    /**
     * COPYs rows straight into {@code table}. Should some be there already (an identical commerce row resent, a
     * line or fact written before), the COPY is undone to a savepoint and the rows go through a session-local
     * staging table instead, moved with keyed inserts that ignore rows already there: idempotent like the rest
     * of the ledger, at COPY speed when nothing conflicts (every first write).
     */
    static void copy(java.sql.Connection c, String table, CopyRows rows) throws SQLException {
        copy(c, table, null, rows);
    }

    /**
     * As {@link #copy(java.sql.Connection, String, CopyRows)}, the rows holding {@code columns} (a list like
     * {@code "a, b, c"}) in that order; null: all of the table's, in table order.
     */
    static void copy(java.sql.Connection c, String table, String columns, CopyRows rows) throws SQLException {
        String list = columns == null ? "" : " (" + columns + ")";
        Savepoint before = c.setSavepoint();
        try {
            rows.copyInto(c, table + list);
            c.releaseSavepoint(before);
            return;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) throw e;
            c.rollback(before);
        }
        String stage = "stage_" + table;
        try (var st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + table + ")");
            st.execute("TRUNCATE " + stage);
            rows.copyInto(c, stage + list);
            st.execute("INSERT INTO " + table + list + " SELECT " + (columns == null ? "*" : columns) + " FROM " + stage
                    + " ON CONFLICT DO NOTHING");
        }
    }

    private static final String UNIQUE_VIOLATION = "23505";

    interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs the work in the connection's transaction, or in one of its own when the connection has none. */
    static void inTransaction(java.sql.Connection c, SqlWork work) throws SQLException {
        boolean auto = c.getAutoCommit();
        if (auto) c.setAutoCommit(false);
        try {
            work.run();
            if (auto) c.commit();
        } catch (SQLException | RuntimeException e) {
            if (auto) c.rollback();
            throw e;
        } finally {
            if (auto) c.setAutoCommit(true);
        }
    }

    /** Runs {@code body} with the ids as a PostgreSQL text array (for {@code = ANY(?)}), freed afterwards. */
    static void withIds(JdbcTemplate jdbc, List<String> ids, Consumer<Array> body) {
        jdbc.execute((java.sql.Connection c) -> {
            Array array = c.createArrayOf("text", ids.toArray());
            try {
                body.accept(array);
            } finally {
                array.free();
            }
            return null;
        });
    }

    /**
     * Refreshes the planner's statistics of those of {@code tables} that changed by more than a tenth since their
     * last analysis (autovacuum would, but later): right after a big load or a first night's million lines the
     * planner otherwise believes them nearly empty and picks plans for a few rows.
     */
    static void analyzeChanged(JdbcTemplate jdbc, String... tables) {
        List<String> stale = jdbc.queryForList("""
                SELECT relname FROM pg_stat_user_tables
                WHERE relname = ANY(?) AND schemaname = current_schema()
                  AND n_mod_since_analyze > 1000 + 0.1 * n_live_tup""", String.class, (Object) tables);
        atOnce(stale.stream().<Runnable>map(t -> () -> jdbc.execute("ANALYZE " + t)).toList());
    }

    /**
     * Runs the statements' work each on a session of its own, all at once (D50: index builds and ANALYZEs before
     * the bill step use both cores), and returns when all are done, throwing the first failure. Inside the
     * caller's transaction (a preview), one after the other on it instead: another session would wait for that
     * transaction's locks.
     */
    static void atOnce(List<Runnable> work) {
        if (work.size() < 2 || TransactionSynchronizationManager.isActualTransactionActive()) {
            work.forEach(Runnable::run);
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Runnable w : work) {
            running.add(CompletableFuture.runAsync(w, r -> {
                Thread t = new Thread(r, "ledger-at-once");
                t.setDaemon(true);
                t.start();
            }));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /**
     * About 1% of the values of {@code column} in the rows of {@code table} matching {@code where}, sorted: for
     * cutting work into ranges (only how even the ranges are depends on it, never an output). First a tenth of
     * the rows of a tenth of the table's pages, which reads only those (D50); when that finds fewer than 200 rows
     * (a small table or date), 1% of all the matching rows. Whole pages hold neighbouring values, so ranges cut
     * from a page sample are less even: 1% of the pages cut a million subscriptions into 554,000 and 446,000, a
     * tenth of them within about 2%. Good enough for the parts of a file, not for the bill step's slices.
     */
    static List<String> sortedSample(JdbcTemplate jdbc, String column, String table, String where, Object... args) {
        String order = " ORDER BY " + column;
        List<String> pages = jdbc.queryForList("SELECT " + column + " FROM " + table + " TABLESAMPLE SYSTEM (10)"
                + " WHERE (" + where + ") AND random() < 0.1" + order, String.class, args);
        if (pages.size() >= 200) return pages;
        return jdbc.queryForList("SELECT " + column + " FROM " + table + " WHERE (" + where + ") AND random() < 0.01"
                + order, String.class, args);
    }

    /** Bounds that cut a sorted sample into about {@code parts} equal consecutive ranges (no bound twice). */
    static List<String> splits(List<String> sortedSample, int parts) {
        int[] at = new int[Math.max(0, parts - 1)];
        for (int k = 1; k < parts; k++) at[k - 1] = sortedSample.size() * k / parts;
        return bounds(sortedSample, at);
    }

    /** Bounds cutting the sample into consecutive parts of about these shares of it (in order, summing to 1). */
    static List<String> splits(List<String> sortedSample, double[] shares) {
        int[] at = new int[Math.max(0, shares.length - 1)];
        double upTo = 0;
        for (int k = 0; k < at.length; k++) {
            upTo += shares[k];
            at[k] = Math.min(sortedSample.size() - 1, (int) Math.round(sortedSample.size() * upTo));
        }
        return bounds(sortedSample, at);
    }

    /** The sample's values at these ascending positions, none twice (none for an empty sample). */
    private static List<String> bounds(List<String> sortedSample, int[] at) {
        List<String> bounds = new ArrayList<>();
        for (int i = 0; i < at.length && !sortedSample.isEmpty(); i++) {
            String b = sortedSample.get(at[i]);
            if (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(b)) bounds.add(b);
        }
        return bounds;
    }
}
