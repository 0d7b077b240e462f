package com.marketplacebilling.db;

import com.marketplacebilling.support.Slow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real embedded PostgreSQL 17, real child JVMs. All data directories are siblings in one class-level temp folder so
 * that the binaries are extracted once into its {@code pg-bin}.
 */
@Slow
class EmbeddedDatabaseTest {

    @TempDir
    static Path root;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Safety net: no server may outlive the test class (a failed test could leave one). */
    @AfterAll
    static void noServerLeftBehind() {
        List<Long> left = processesWithCwdUnder(root);
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertEquals(List.of(), left, "processes still running in " + root);
    }

    @Test
    void rowsSurviveCloseAndRestart() throws Exception {
        Path dir = root.resolve("db-restart");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertEquals(dir.toAbsolutePath(), db.dataDir());
            assertTrue(db.jdbcUrl().startsWith("jdbc:postgresql://localhost:"), db.jdbcUrl());
            execute(db, "CREATE TABLE ledger (id int PRIMARY KEY, amount numeric(12,2))",
                    "INSERT INTO ledger VALUES (1, 10.50), (2, 20.25), (3, 30.00)");
            assertEquals("on", queryString(db, "SHOW fsync"));
            assertEquals("on", queryString(db, "SHOW synchronous_commit"));
            assertEquals("", queryString(db, "SHOW unix_socket_directories"));
        }
        assertTrue(Files.exists(dir.resolve(EmbeddedDatabase.MARKER)), "marker written");
        assertFalse(Files.exists(dir.resolve("postmaster.pid")), "server stopped on close");
        Path lockFile = root.resolve("db-restart.lock");
        assertTrue(Files.exists(lockFile), "lock file kept");
        assertEquals("", Files.readString(lockFile), "lock file emptied on close");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertEquals(3L, queryLong(db, "SELECT count(*) FROM ledger"));
            assertEquals("60.75", queryString(db, "SELECT sum(amount)::text FROM ledger"));
            execute(db, "INSERT INTO ledger VALUES (4, 1.00)");
        }

        // A stale postmaster.pid naming a recycled pid (alive, but not a postmaster of this directory: the test JVM
        // itself) must be removed and its process left alone: a SIGINT to it would end this JVM. (Postgres itself,
        // inside its user namespace, gets EPERM probing a root process and treats the file as stale, so this part
        // guards the cwd check of step 2 rather than the removal.)
        Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertEquals(4L, queryLong(db, "SELECT count(*) FROM ledger"));
        }
        assertTrue(ProcessHandle.current().isAlive(), "the recycled pid was not signalled");
    }

    @Test
    void secondInstanceIsRefusedAcrossProcesses() throws Exception {
        Path dir = root.resolve("db-twojvms");
        Process child = startChild(dir, false);

        long t0 = System.nanoTime();
        DatabaseInUseException e = assertThrows(DatabaseInUseException.class, () -> EmbeddedDatabase.start(dir));
        long refusedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("(pid=" + child.pid() + " since "), e.getMessage());
        assertTrue(refusedMs < 2000, "refused quickly, took " + refusedMs + " ms");

        // SIGTERM: the child's shutdown hook closes the database; then the directory is free again
        child.destroy();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child exited");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            // within one JVM the second instance is refused as well, naming this JVM
            DatabaseInUseException same = assertThrows(DatabaseInUseException.class,
                    () -> EmbeddedDatabase.start(dir));
            assertTrue(same.getMessage().startsWith("Database directory " + dir.toAbsolutePath()
                    + " is already in use by another running process (pid=" + ProcessHandle.current().pid()
                    + " since "), same.getMessage());
            // the refused attempts did not disturb the running instance or its lock
            assertEquals(1L, queryLong(db, "SELECT 1"));
            assertThrows(DatabaseInUseException.class, () -> EmbeddedDatabase.start(dir));
        }
    }

    @Test
    void killedJvmLeavesOrphanThatNextStartStops() throws Exception {
        Path dir = root.resolve("db-crash");
        Process child = startChild(dir, true);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, the postmaster is orphaned
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child killed");

        OptionalLong orphan = Postmasters.readPid(dir.resolve("postmaster.pid"));
        assertTrue(orphan.isPresent(), "postmaster.pid left behind");
        assertTrue(Postmasters.isLivePostmasterOf(orphan.getAsLong(), dir.toRealPath()),
                "the killed JVM's postmaster is still running (precondition of this test)");

        long t0 = System.nanoTime();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            long startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(startMs < 10_000, "started within seconds, took " + startMs + " ms");
            assertFalse(Postmasters.isAlive(orphan.getAsLong()), "orphan stopped");
            assertEquals("committed before the crash",
                    queryString(db, "SELECT note FROM crash_probe WHERE id = 1"));
        }
        assertEquals(List.of(), processesWithCwdUnder(dir), "no server left in " + dir);
    }

    @Test
    void halfInitialisedDirectoryIsMovedAside() throws Exception {
        Path dir = root.resolve("db-half");
        Files.createDirectories(dir.resolve("global"));
        Files.writeString(dir.resolve("postgresql.conf"), "# left by an initdb that was killed\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            execute(db, "CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)");
            assertEquals(1L, queryLong(db, "SELECT count(*) FROM t"));
        }
        List<Path> aside;
        try (Stream<Path> s = Files.list(root)) {
            aside = s.filter(p -> p.getFileName().toString().startsWith("db-half.incomplete-"))
                    .collect(Collectors.toList());
        }
        assertEquals(1, aside.size(), "one directory moved aside: " + aside);
        assertEquals("# left by an initdb that was killed\n",
                Files.readString(aside.get(0).resolve("postgresql.conf")));
        assertTrue(Files.exists(dir.resolve(EmbeddedDatabase.MARKER)));
        assertEquals("17", Files.readString(dir.resolve("PG_VERSION")).trim());
    }

    @Test
    void directoryOfAnotherMajorVersionIsRefused() throws Exception {
        Path dir = root.resolve("db-pg14");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(EmbeddedDatabase.MARKER), "x\n");
        Files.writeString(dir.resolve("PG_VERSION"), "14\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dir));
        assertTrue(e.getMessage().contains("PostgreSQL 14") && e.getMessage().contains("PostgreSQL 17")
                && e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
        // the lock was released: a second attempt fails the same way, not with "in use"
        assertThrows(IllegalStateException.class, () -> EmbeddedDatabase.start(dir));
        assertFalse(Files.exists(dir.resolve("postgresql.conf")), "nothing was initialised");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Starts {@link EmbeddedDatabaseChild} in a new JVM and waits for its READY line. */
    @Test
    @org.junit.jupiter.api.DisplayName("a fresh database initialises and starts with LANG and LC_ALL naming a locale that is not installed")
    void uninstalledCallerLocaleDoesNotMatter() throws Exception {
        Path dir = root.resolve("db-locale");
        Process child = startChild(dir, true, java.util.Map.of("LANG", "xx_XX.UTF-8", "LC_ALL", "xx_XX.UTF-8",
                "LC_MESSAGES", "xx_XX.UTF-8"));
        child.destroy(); // SIGTERM: the child closes its database
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child stopped");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir)) {
            assertEquals("committed before the crash", queryString(db, "SELECT note FROM crash_probe WHERE id = 1"));
            assertEquals("C", queryString(db, "SELECT datcollate FROM pg_database WHERE datname = 'postgres'"));
        }
    }

    private Process startChild(Path dir, boolean insert) throws IOException, InterruptedException {
        return startChild(dir, insert, java.util.Map.of());
    }

    private Process startChild(Path dir, boolean insert, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(), dir.toString()));
        if (insert) {
            cmd.add("insert");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        children.add(p);
        LinkedBlockingQueue<String> ready = new LinkedBlockingQueue<>();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    if (line.startsWith("READY ")) {
                        ready.add(line);
                    }
                }
            } catch (IOException ignored) {
                // child gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        String line = ready.poll(45, TimeUnit.SECONDS);
        if (line == null) {
            p.destroyForcibly();
            fail("child did not become ready; output:\n" + String.join("\n", output));
        }
        assertTrue(line.startsWith("READY jdbc:postgresql://localhost:"), line);
        return p;
    }

    private static List<Long> processesWithCwdUnder(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    if (Files.readSymbolicLink(p.resolve("cwd")).startsWith(real)) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // gone, zombie or not readable
                }
            });
        } catch (IOException e) {
            fail(e);
        }
        return pids;
    }

    private static void execute(EmbeddedDatabase db, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private static String queryString(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static long queryLong(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
