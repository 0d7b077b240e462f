package com.marketplacebilling.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A later part of a file written in parts (DatePublisher): one thread writes it into a temporary file while another,
 * done with the part before, already copies what is there into the whole file, and follows it as it grows. Joining
 * the parts after both were written left the copy of the second half (and its way to the disk) as a tail of a
 * large publish with one core idle (D52).
 */
final class GrowingPart {
    private final Path file;
    private final FileChannel channel;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean finished;
    private volatile boolean failed;

    /** Creates the temporary file (it must not exist). */
    GrowingPart(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Where the part is written; every write is visible to {@link #copyTo} once it returns. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                AtomicPublisher.writeFully(channel, b, off, len);
                written.addAndGet(len);
            }

            @Override
            public void close() throws IOException { channel.close(); }
        };
    }

    /** The part is complete: every byte of it was written (call after its output is closed). */
    void finish() { finished = true; }

    /** The part will never be complete: a copy following it stops. */
    void fail() { failed = true; }

    /**
     * Copies each part, from byte {@code skip} on (its header line: the whole file has it once), into its output as
     * it is written, all at once (a date's invoice part and explanations part grow side by side), until all are
     * finished. Returns false, having copied only some, when a writer failed (its failure is the one to report).
     * Deletes the temporary files in both cases.
     */
    static boolean copyAll(GrowingPart[] parts, OutputStream[] outs, long[] skips) throws IOException {
        FileChannel[] ins = new FileChannel[parts.length];
        try {
            long[] at = skips.clone();
            for (int i = 0; i < parts.length; i++) ins[i] = FileChannel.open(parts[i].file, StandardOpenOption.READ);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (true) {
                boolean moved = false;
                boolean complete = true;
                for (int i = 0; i < parts.length; i++) {
                    GrowingPart p = parts[i];
                    boolean finished = p.finished; // read before the count: a finished part's count is final
                    long end = p.written.get();
                    if (at[i] < end) {
                        buffer.clear().limit((int) Math.min(buffer.capacity(), end - at[i]));
                        int n = ins[i].read(buffer, at[i]);
                        outs[i].write(buffer.array(), 0, n);
                        at[i] += n;
                        moved = true;
                        complete = false;
                    } else if (!finished) {
                        if (p.failed) return false;
                        complete = false;
                    }
                }
                if (complete) return true;
                if (!moved) {
                    if (Thread.interrupted()) throw new java.io.InterruptedIOException("interrupted while copying parts");
                    LockSupport.parkNanos(1_000_000); // the writers add 64 KB at a time
                }
            }
        } finally {
            for (int i = 0; i < parts.length; i++) {
                if (ins[i] != null) ins[i].close();
                Files.deleteIfExists(parts[i].file);
            }
        }
    }
}
