package com.marketplacebilling.db;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Linux-only helpers to find and stop a postmaster left running on a data directory (for example after the JVM
 * that started it was killed with SIGKILL: {@code pg_ctl start} puts the postmaster in its own session, so it
 * survives its JVM). Package-private; used by {@link EmbeddedDatabase}.
 */
final class Postmasters {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Path PROC = Path.of("/proc");
    static final long STOP_TIMEOUT_SECONDS = 30;

    private Postmasters() {
    }

    /** Line 1 of {@code postmaster.pid}: the postmaster's pid, if the file exists and is readable. */
    static OptionalLong readPid(Path postmasterPidFile) {
        try {
            List<String> lines = Files.readAllLines(postmasterPidFile, StandardCharsets.UTF_8);
            if (!lines.isEmpty()) {
                String first = lines.get(0).trim();
                if (!first.isEmpty()) {
                    long pid = Long.parseLong(first);
                    if (pid > 0) {
                        return OptionalLong.of(pid);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not read {}: {}", postmasterPidFile, e.toString());
        }
        return OptionalLong.empty();
    }

    /**
     * True if {@code pid} is a live process (not a zombie, not dead) whose current directory is
     * {@code realDataDir}. A postmaster chdirs into its data directory, and root can read /proc/pid/cwd even
     * across the user namespace the library runs postgres in. This is what tells our postmaster apart from a
     * recycled pid of an unrelated process.
     */
    static boolean isLivePostmasterOf(long pid, Path realDataDir) {
        if (!isAlive(pid)) {
            return false;
        }
        try {
            Path cwd = Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd"));
            return cwd.equals(realDataDir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True if /proc/pid/stat exists and its state is neither Z (zombie) nor X (dead). */
    static boolean isAlive(long pid) {
        Optional<Character> state = processState(pid);
        return state.isPresent() && state.get() != 'Z' && state.get() != 'X';
    }

    /** The state letter from /proc/pid/stat (the field after the parenthesised command name). */
    static Optional<Character> processState(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            if (close < 0 || close + 2 >= stat.length()) {
                return Optional.empty();
            }
            return Optional.of(stat.charAt(close + 2));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the live postmaster {@code pid} on {@code dataDir}: {@code [unshare -U] <bindir>/pg_ctl -D <dir> stop
     * -m fast -w -t 30}, where bindir is the directory of the postmaster's own executable. Falls back to SIGINT
     * (fast shutdown) and, if it is still alive after 30 s, SIGKILL.
     */
    static void stop(long pid, Path dataDir, Path realDataDir) {
        long t0 = System.nanoTime();
        boolean stopped = false;
        try {
            Path exe = Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("exe"));
            Path pgCtl = exe.resolveSibling("pg_ctl");
            if (Files.isExecutable(pgCtl)) {
                List<String> cmd = new ArrayList<>();
                if (isRoot()) {
                    // pg_ctl refuses to run as root; the library runs it in a user namespace the same way.
                    cmd.add("unshare");
                    cmd.add("-U");
                }
                cmd.addAll(List.of(pgCtl.toString(), "-D", dataDir.toString(), "stop", "-m", "fast", "-w", "-t",
                        Long.toString(STOP_TIMEOUT_SECONDS)));
                int rc = run(cmd, STOP_TIMEOUT_SECONDS + 10);
                stopped = rc == 0 && waitUntilGone(pid, realDataDir, 5);
                if (!stopped) {
                    LOG.warn("pg_ctl stop of leftover postmaster {} on {} exited with {}",
                            Long.toString(pid), dataDir, rc);
                }
            } else {
                LOG.warn("No pg_ctl next to {}; signalling leftover postmaster {}", exe, Long.toString(pid));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("pg_ctl stop of leftover postmaster {} on {} failed: {}", Long.toString(pid), dataDir,
                    e.toString());
        }
        if (!stopped && isLivePostmasterOf(pid, realDataDir)) {
            signal(pid, "-INT");
            stopped = waitUntilGone(pid, realDataDir, STOP_TIMEOUT_SECONDS);
            if (!stopped && isLivePostmasterOf(pid, realDataDir)) {
                LOG.warn("Leftover postmaster {} on {} ignored SIGINT for {} s; sending SIGKILL",
                        Long.toString(pid), dataDir, STOP_TIMEOUT_SECONDS);
                signal(pid, "-KILL");
                waitUntilGone(pid, realDataDir, 10);
            }
        }
        LOG.debug("Leftover postmaster {} handled in {} ms", Long.toString(pid),
                Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)));
    }

    private static boolean waitUntilGone(long pid, Path realDataDir, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (isLivePostmasterOf(pid, realDataDir)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(50);
        }
        return true;
    }

    private static void signal(long pid, String sig) {
        try {
            run(List.of("kill", sig, Long.toString(pid)), 10);
        } catch (IOException | RuntimeException e) {
            LOG.warn("kill {} {} failed: {}", sig, Long.toString(pid), e.toString());
        }
    }

    /** Runs a command, logs its output at DEBUG, returns its exit code (or -1 if it timed out and was killed). */
    static int run(List<String> cmd, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // process gone
            }
        }, "embedded-pg-cmd-output");
        drain.setDaemon(true);
        drain.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            drain.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        }
        LOG.debug("{} -> {}: {}", cmd, p.exitValue(),
                out.toString(StandardCharsets.UTF_8).trim());
        return p.exitValue();
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("self").resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return "0".equals(f[1]); // effective uid
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux /proc: fall back to the user name
        }
        return "root".equals(System.getProperty("user.name", "").toLowerCase(Locale.ROOT));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
