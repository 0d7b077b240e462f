package com.marketplacebilling.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicPublisherTest {
    static final String DATE = "2026-11-24";

    @TempDir
    Path outbox;

    final AtomicPublisher publisher = new AtomicPublisher();

    /** Publishes a folder holding the given files (name to content). */
    void publish(AtomicPublisher p, Path box, String folder, Map<String, String> files) throws IOException {
        Path tmp = p.begin(box, folder);
        try {
            for (var e : files.entrySet()) {
                write(tmp.resolve(e.getKey()), e.getValue());
            }
            p.commit(tmp, box.resolve(folder));
        } catch (IOException | RuntimeException e) {
            p.abort(tmp);
            throw e;
        }
    }

    static void write(Path file, String content) throws IOException {
        try (OutputStream out = AtomicPublisher.createFile(file)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Relative path to content of every file below {@code dir}. */
    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                result.put(dir.relativize(f).toString(), Files.readString(f));
            }
        }
        return result;
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void newPublish() throws IOException {
        Path tmp = publisher.begin(outbox, DATE);
        assertEquals(outbox.toAbsolutePath(), tmp.getParent());
        assertTrue(tmp.getFileName().toString().startsWith("." + DATE + ".tmp-"), tmp.toString());
        assertTrue(Files.isDirectory(tmp));
        assertFalse(Files.exists(outbox.resolve(DATE)), "nothing visible before commit");
        write(tmp.resolve("invoice-lines.csv"), "lines v1");
        write(tmp.resolve("manifest.json"), "{}");
        publisher.commit(tmp, outbox.resolve(DATE));

        assertEquals(Map.of("invoice-lines.csv", "lines v1", "manifest.json", "{}"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(DATE), names(outbox));
    }

    @Test
    void replaceExisting() throws IOException {
        publish(publisher, outbox, DATE, Map.of("invoice-lines.csv", "v1", "stale.csv", "only in v1"));
        publish(publisher, outbox, DATE, Map.of("invoice-lines.csv", "v2", "exceptions.csv", "e2"));

        assertEquals(Map.of("invoice-lines.csv", "v2", "exceptions.csv", "e2"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(DATE), names(outbox), "no temporary or old folder left");
    }

    @Test
    void abortLeavesThePreviousFolderIntact() throws IOException {
        publish(publisher, outbox, DATE, Map.of("invoice-lines.csv", "v1"));
        Path tmp = publisher.begin(outbox, DATE);
        write(tmp.resolve("invoice-lines.csv"), "partial v2");
        assertEquals(2, names(outbox).size());
        publisher.abort(tmp);

        assertEquals(Map.of("invoice-lines.csv", "v1"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(DATE), names(outbox));
        publisher.abort(tmp); // idempotent
        assertThrows(IllegalArgumentException.class, () -> publisher.abort(outbox.resolve(DATE)));
        assertTrue(Files.isDirectory(outbox.resolve(DATE)), "abort refuses to delete a non-temporary folder");
    }

    @Test
    void writeFailureLeavesThePreviousFolderIntact() throws IOException {
        publish(publisher, outbox, DATE, Map.of("invoice-lines.csv", "v1", "exceptions.csv", "e1"));
        Path tmp = publisher.begin(outbox, DATE);
        write(tmp.resolve("invoice-lines.csv"), "v2");

        File tmpDir = tmp.toFile();
        boolean readOnly = tmpDir.setWritable(false, false) && permissionsEnforced(tmp);
        if (!readOnly) {
            // Running as root (or permission bits ignored): make the write fail another way, with a folder where
            // the file should go.
            tmpDir.setWritable(true, false);
            Files.createDirectory(tmp.resolve("exceptions.csv"));
        }
        try {
            assertThrows(IOException.class, () -> write(tmp.resolve("exceptions.csv"), "e2"));
        } finally {
            tmpDir.setWritable(true, false);
        }
        publisher.abort(tmp);

        assertEquals(Map.of("invoice-lines.csv", "v1", "exceptions.csv", "e1"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(DATE), names(outbox));
    }

    private static boolean permissionsEnforced(Path dir) {
        Path probe = dir.resolve("probe");
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            return true;
        }
        try {
            Files.delete(probe);
        } catch (IOException ignored) {
            // the test fails later on the leftover
        }
        return false;
    }

    @Test
    void writingTheSameFileTwiceFails() throws IOException {
        Path tmp = publisher.begin(outbox, DATE);
        write(tmp.resolve("a.csv"), "1");
        assertThrows(FileAlreadyExistsException.class, () -> write(tmp.resolve("a.csv"), "2"));
        assertEquals("1", Files.readString(tmp.resolve("a.csv")));
    }

    @Test
    void beginFailsWhenTheParentIsAFile() throws IOException {
        Files.writeString(outbox.resolve("invoices"), "a file where a folder should be");
        assertThrows(IOException.class, () -> publisher.begin(outbox, "invoices/2026-11"));
        assertEquals(List.of("invoices"), names(outbox));
    }

    @Test
    void failedSecondRenamePutsThePreviousFolderBack() throws IOException {
        publish(publisher, outbox, DATE, Map.of("invoice-lines.csv", "v1"));
        int[] moves = {0};
        AtomicPublisher failing = new AtomicPublisher((s, t) -> {
            if (++moves[0] == 2) throw new IOException("disk on fire");
            Files.move(s, t, StandardCopyOption.ATOMIC_MOVE);
        });
        Path tmp = failing.begin(outbox, DATE);
        write(tmp.resolve("invoice-lines.csv"), "v2");
        IOException e = assertThrows(IOException.class, () -> failing.commit(tmp, outbox.resolve(DATE)));
        assertEquals("disk on fire", e.getMessage());
        assertEquals(3, moves[0], "old moved aside, new refused, old moved back");
        failing.abort(tmp);

        assertEquals(Map.of("invoice-lines.csv", "v1"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(DATE), names(outbox));
    }

    @Test
    void cleanLeftoversRestoresAnOrphanedOldFolder() throws IOException {
        // The state after a crash between the two renames of commit: target missing, old and new both complete.
        Path old = Files.createDirectory(outbox.resolve("." + DATE + ".old-1a2b"));
        Files.writeString(old.resolve("invoice-lines.csv"), "v1");
        Path tmp = Files.createDirectory(outbox.resolve("." + DATE + ".tmp-3c4d"));
        Files.writeString(tmp.resolve("invoice-lines.csv"), "v2");
        Files.createDirectory(outbox.resolve("2026-11-23")); // another date: untouched
        Files.createDirectory(outbox.resolve(".2026-11-23.tmp-9"));

        AtomicPublisher.cleanLeftovers(outbox, DATE);

        assertEquals(Map.of("invoice-lines.csv", "v1"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(".2026-11-23.tmp-9", "2026-11-23", DATE), names(outbox));
    }

    @Test
    void cleanLeftoversDeletesStaleFoldersWhenTheTargetExists() throws IOException {
        publish(publisher, outbox, DATE, Map.of("invoice-lines.csv", "v2"));
        Path old = Files.createDirectory(outbox.resolve("." + DATE + ".old-aa"));
        Files.writeString(old.resolve("invoice-lines.csv"), "v1");
        Path tmp = Files.createDirectories(outbox.resolve("." + DATE + ".tmp-bb").resolve("sub"));
        Files.writeString(tmp.resolve("x"), "partial");

        AtomicPublisher.cleanLeftovers(outbox, DATE);

        assertEquals(Map.of("invoice-lines.csv", "v2"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(DATE), names(outbox));
        AtomicPublisher.cleanLeftovers(outbox.resolve("missing"), DATE); // nothing to do, no error
    }

    @Test
    void nestedFolderNamesCreateTheirParents() throws IOException {
        publish(publisher, outbox, "invoices/2026-11", Map.of("invoices.csv", "i1"));
        publish(publisher, outbox, "invoices/2026-11", Map.of("invoices.csv", "i2"));
        assertEquals(Map.of("invoices.csv", "i2"), contents(outbox.resolve("invoices/2026-11")));
        assertEquals(List.of("2026-11"), names(outbox.resolve("invoices")));
        assertEquals(List.of("invoices"), names(outbox));

        Path tmp = publisher.begin(outbox, "invoices/2026-12");
        assertEquals(outbox.resolve("invoices").toAbsolutePath(), tmp.getParent());
        AtomicPublisher.cleanLeftovers(outbox, "invoices/2026-12");
        assertFalse(Files.exists(tmp));
    }

    @Test
    void worksWithARelativeOutbox() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(outbox.toAbsolutePath());
        assertFalse(relative.isAbsolute());
        publish(publisher, relative, DATE, Map.of("a.csv", "v1"));
        publish(publisher, relative, DATE, Map.of("a.csv", "v2"));
        assertEquals(Map.of("a.csv", "v2"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(DATE), names(outbox));
        // commit accepts the tmp and target in either form
        Path tmp = publisher.begin(relative, DATE);
        write(tmp.resolve("a.csv"), "v3");
        publisher.commit(cwd.relativize(tmp), relative.resolve(DATE));
        assertEquals(Map.of("a.csv", "v3"), contents(outbox.resolve(DATE)));
        assertEquals(List.of(DATE), names(outbox));
    }

    @Test
    void refusesBadFolderNamesAndForeignTemps() throws IOException {
        for (String bad : new String[] {"", "../x", "a/../../x", "/abs", ".hidden", "a/./b"}) {
            assertThrows(IllegalArgumentException.class, () -> publisher.begin(outbox, bad), bad);
        }
        Path tmp = publisher.begin(outbox, DATE);
        assertThrows(IllegalArgumentException.class, () -> publisher.commit(tmp, outbox.resolve("2026-11-25")));
        assertTrue(Files.isDirectory(tmp));
        assertFalse(Files.exists(outbox.resolve("2026-11-25")));
    }

    /** D50: a large file is forced to disk in the background while it is written, and its bytes stay exact. */
    @Test
    void aLargeFileIsForcedWhileWrittenAndKeepsEveryByte() throws IOException {
        byte[] expected = new byte[3_000_000];
        new java.util.Random(7).nextBytes(expected);
        Path file = outbox.resolve("large.csv");
        long before = AtomicPublisher.BACKGROUND_FORCES.get();
        try (OutputStream out = AtomicPublisher.createFile(file, 100_000)) {
            for (int at = 0; at < expected.length; ) {
                int n = Math.min(1 + at % 70_000, expected.length - at); // pieces of every size, some single bytes
                if (n == 1) out.write(expected[at]);
                else out.write(expected, at, n);
                at += n;
            }
        }
        assertTrue(AtomicPublisher.BACKGROUND_FORCES.get() > before, "forced in the background while written");
        assertTrue(java.util.Arrays.equals(expected, Files.readAllBytes(file)), "every byte, in order");
        assertThrows(FileAlreadyExistsException.class, () -> AtomicPublisher.createFile(file));
    }
}
