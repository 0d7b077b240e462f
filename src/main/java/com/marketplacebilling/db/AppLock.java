package com.marketplacebilling.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application lock {@code <dataDir>.lock}: a file <em>beside</em> the data directory (initdb refuses a
 * non-empty directory, and the lock must exist before initdb). Held with {@link FileChannel#tryLock()}; the kernel
 * drops it when the JVM dies, so a crash never leaves it stuck. The holder writes {@code pid=<pid> since=<instant>}
 * into it so that a refused instance can say who holds it.
 *
 * <p>POSIX record locks belong to the process, and closing <em>any</em> descriptor of the file drops all of them.
 * So within one JVM a second instance must not even open the file: it is refused from {@link #HELD_IN_THIS_JVM}.
 */
final class AppLock implements AutoCloseable {

    private static final Pattern CONTENT = Pattern.compile("pid=(\\S+)\\s+since=(\\S+)");
    private static final Map<Path, String> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private AppLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock {@code <dataDir>.lock} or throws {@link DatabaseInUseException}.
     *
     * @param dataDir absolute data directory whose parent exists
     */
    static AppLock acquire(Path dataDir) {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        Path key;
        try {
            key = dataDir.getParent().toRealPath().resolve(lockFile.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve " + lockFile, e);
        }
        String content = "pid=" + ProcessHandle.current().pid() + " since="
                + Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String previous = HELD_IN_THIS_JVM.putIfAbsent(key, content);
        if (previous != null) {
            throw inUse(dataDir, previous);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                channel = null;
                HELD_IN_THIS_JVM.remove(key);
                throw inUse(dataDir, readHolder(lockFile));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new AppLock(key, channel, lock);
        } catch (IOException e) {
            HELD_IN_THIS_JVM.remove(key);
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock " + lockFile, e);
        }
    }

    /** Empties the file (it is kept), releases the lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel.isOpen()) {
                channel.truncate(0);
                channel.force(true);
                lock.release();
            }
        } catch (IOException e) {
            // releasing still happens on close below
        } finally {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(key);
        }
    }

    /** The holder's content; it may be written a moment after its lock, so retry briefly while it is empty. */
    private static String readHolder(Path lockFile) {
        String content = "";
        for (int i = 0; i < 10; i++) {
            try {
                content = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                content = "";
            }
            if (!content.isEmpty()) {
                break;
            }
            Postmasters.sleep(20);
        }
        return content;
    }

    private static DatabaseInUseException inUse(Path dataDir, String content) {
        Matcher m = CONTENT.matcher(content);
        if (m.find()) {
            return new DatabaseInUseException(dataDir, m.group(1), m.group(2));
        }
        return new DatabaseInUseException(dataDir, "unknown", "unknown");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
