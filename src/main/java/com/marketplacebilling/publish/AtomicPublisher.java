package com.marketplacebilling.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Publishes a folder of outputs (a business date's, or a month's {@code invoices/YYYY-MM}) as a whole.
 *
 * <pre>
 *   Path tmp = publisher.begin(outbox, "2026-11-24");      // &lt;outbox&gt;/.2026-11-24.tmp-&lt;random&gt;
 *   try {
 *       try (OutputStream out = AtomicPublisher.createFile(tmp.resolve("invoice-lines.csv"))) { ... } // fsynced
 *       ...
 *       publisher.commit(tmp, outbox.resolve("2026-11-24"));
 *   } catch (IOException | RuntimeException e) {
 *       publisher.abort(tmp);
 *       throw e;
 *   }
 * </pre>
 *
 * <p>The temporary folder is a sibling of the target ({@code .<name>.tmp-<random>} in the target's parent, so
 * {@code invoices/2026-11} uses {@code invoices/.2026-11.tmp-*}), hence on the same file system, and renames are
 * atomic ({@link StandardCopyOption#ATOMIC_MOVE}).
 *
 * <p><b>Replacing an existing folder.</b> POSIX has no atomic swap of two non-empty directories, so {@link #commit}
 * renames the old folder to {@code .<name>.old-<random>}, renames the new one into place, then deletes the old one.
 * If the process dies between the two renames (a window of two {@code rename(2)} calls), the target name is briefly
 * missing, but both complete folders survive under their hidden names and {@link #cleanLeftovers} (run before the
 * next publish of that name) puts the previous one back. At no time does the target name hold a mixed or partial
 * set of files.
 *
 * <p>One publisher per target name at a time: the caller holds the run's lock ({@code cleanLeftovers} would delete
 * a concurrent run's temporary folder).
 */
public class AtomicPublisher {
    private static final String TMP = ".tmp-";
    private static final String OLD = ".old-";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The renames, replaceable in tests to inject failures. */
    interface Mover {
        void move(Path source, Path target) throws IOException;
    }

    private final Mover mover;

    public AtomicPublisher() {
        this((s, t) -> Files.move(s, t, StandardCopyOption.ATOMIC_MOVE));
    }

    AtomicPublisher(Mover mover) {
        this.mover = Objects.requireNonNull(mover);
    }

    /**
     * Creates an empty temporary folder next to {@code <outbox>/<folderName>} (creating the parents as needed) and
     * returns its (absolute) path. {@code folderName} is relative and may be nested ({@code invoices/2026-11}).
     */
    public Path begin(Path outbox, String folderName) throws IOException {
        Path target = target(outbox, folderName);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String prefix = "." + target.getFileName() + TMP;
        for (int attempt = 0; ; attempt++) {
            Path tmp = parent.resolve(prefix + randomSuffix());
            try {
                Files.createDirectory(tmp);
                fsyncDirectory(parent);
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Makes {@code tmp} (from {@link #begin}) the folder {@code target}: fsyncs its files and itself, then renames
     * it into place, replacing a previous folder as described in the class comment. On failure the previous folder
     * is left (or put back) in place, {@code tmp} is left for {@link #abort}, and the exception is thrown.
     */
    public void commit(Path tmp, Path target) throws IOException {
        tmp = tmp.toAbsolutePath().normalize();
        target = target.toAbsolutePath().normalize();
        checkTemp(tmp, target);
        if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(tmp.toString(), null, "temporary folder is missing");
        }
        fsyncTree(tmp);
        Path parent = target.getParent();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            mover.move(tmp, target);
            fsyncDirectory(parent);
            return;
        }
        Path old = parent.resolve("." + target.getFileName() + OLD + randomSuffix());
        mover.move(target, old);
        try {
            mover.move(tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                mover.move(old, target);
            } catch (IOException | RuntimeException restore) {
                e.addSuppressed(restore); // cleanLeftovers restores it later
            }
            throw e;
        }
        fsyncDirectory(parent);
        deleteTree(old);
        fsyncDirectory(parent);
    }

    /** Deletes a temporary folder from {@link #begin} and everything in it; nothing happens if it is gone. */
    public void abort(Path tmp) throws IOException {
        Path name = tmp.getFileName();
        if (name == null || !name.toString().startsWith(".") || !name.toString().contains(TMP)) {
            throw new IllegalArgumentException("not a temporary folder of AtomicPublisher: " + tmp);
        }
        deleteTree(tmp);
    }

    /**
     * Removes what an interrupted publish of {@code <outbox>/<folderName>} left behind: temporary folders
     * ({@code .<name>.tmp-*}) and old folders ({@code .<name>.old-*}). If the target itself is missing and an old
     * folder exists (a crash between the two renames of {@link #commit}), the most recent old folder is renamed
     * back to the target instead of being deleted.
     */
    public static void cleanLeftovers(Path outbox, String folderName) throws IOException {
        Path target = target(outbox, folderName);
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String tmpPrefix = "." + target.getFileName() + TMP;
        String oldPrefix = "." + target.getFileName() + OLD;
        List<Path> temps = new ArrayList<>();
        List<Path> olds = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(tmpPrefix)) {
                    temps.add(entry);
                } else if (name.startsWith(oldPrefix)) {
                    olds.add(entry);
                }
            }
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !olds.isEmpty()) {
            Path newest = olds.get(0);
            for (Path candidate : olds) {
                int byTime = modified(candidate).compareTo(modified(newest));
                if (byTime > 0 || (byTime == 0 && candidate.toString().compareTo(newest.toString()) > 0)) {
                    newest = candidate;
                }
            }
            Files.move(newest, target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(parent);
            olds.remove(newest);
        }
        for (Path p : temps) {
            deleteTree(p);
        }
        for (Path p : olds) {
            deleteTree(p);
        }
        fsyncDirectory(parent);
    }

    /**
     * Creates a new file (it must not exist) for writing; closing the stream flushes it and forces its content to
     * disk ({@link FileChannel#force}) before closing. While the file is written, every {@link #WRITE_BEHIND_BYTES}
     * are forced to disk in the background (D50): otherwise the kernel keeps a gigabyte of a large date's files in
     * memory and the whole of it is written at the final force, after the formatting is done.
     */
    public static OutputStream createFile(Path file) throws IOException {
        return createFile(file, WRITE_BEHIND_BYTES);
    }

    static OutputStream createFile(Path file, long writeBehindBytes) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new BufferedOutputStream(new WriteBehind(channel, writeBehindBytes), 1 << 16);
    }

    /** Background forces started so far (tests). */
    static final java.util.concurrent.atomic.AtomicLong BACKGROUND_FORCES = new java.util.concurrent.atomic.AtomicLong();

    /** Bytes written between two background forces of a file made by {@link #createFile}. */
    static final long WRITE_BEHIND_BYTES = 32L << 20;

    private static final ExecutorService FORCES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "write-behind");
        t.setDaemon(true);
        return t;
    });

    /** A file channel whose written bytes go to disk while more are written; forced once more on close. */
    private static final class WriteBehind extends OutputStream {
        private final FileChannel channel;
        private final long writeBehindBytes;
        private long unforced;
        private Future<?> forcing;
        private boolean closed;

        WriteBehind(FileChannel channel, long writeBehindBytes) {
            this.channel = channel;
            this.writeBehindBytes = writeBehindBytes;
        }

        @Override
        public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeFully(channel, b, off, len);
            unforced += len;
            if (unforced >= writeBehindBytes && (forcing == null || forcing.isDone())) {
                awaitForcing();
                unforced = 0;
                BACKGROUND_FORCES.incrementAndGet();
                forcing = FORCES.submit(() -> {
                    channel.force(false);
                    return null;
                });
            }
        }

        /** Waits for the background force, and throws its failure: a file not on disk must not be published. */
        private void awaitForcing() throws IOException {
            if (forcing == null) return;
            try {
                forcing.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                throw new IOException("forcing a file to disk failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while forcing a file to disk");
            } finally {
                forcing = null;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            try (channel) {
                awaitForcing();
                channel.force(true);
            }
        }
    }

    /** Writes all of {@code b[off, off + len)} at the channel's position. */
    static void writeFully(FileChannel channel, byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) channel.write(buffer);
    }

    /** Forces a file's content to disk. */
    public static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Forces a directory's entries to disk (makes renames and creations durable). Works on Linux and macOS; on
     * systems that cannot open a directory (Windows) it does nothing.
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            // Opening a directory is not supported here; nothing more can be done.
        }
    }

    static Path target(Path outbox, String folderName) {
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(folderName, "folderName");
        Path relative = Path.of(folderName);
        if (folderName.isEmpty() || relative.isAbsolute()) {
            throw new IllegalArgumentException("folder name must be a relative path: '" + folderName + "'");
        }
        for (Path part : relative) {
            String s = part.toString();
            if (s.equals("..") || s.equals(".") || s.startsWith(".")) {
                throw new IllegalArgumentException("folder name must not have '.'-parts: '" + folderName + "'");
            }
        }
        Path base = outbox.toAbsolutePath().normalize();
        return base.resolve(relative).normalize();
    }

    private static void checkTemp(Path tmp, Path target) {
        String expected = "." + target.getFileName() + TMP;
        if (!Objects.equals(tmp.getParent(), target.getParent())
                || !tmp.getFileName().toString().startsWith(expected)) {
            throw new IllegalArgumentException(tmp + " is not a temporary folder for " + target);
        }
    }

    private static void fsyncTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    fsync(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                fsyncDirectory(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a folder tree without following symbolic links; nothing happens if it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static FileTime modified(Path p) throws IOException {
        return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
