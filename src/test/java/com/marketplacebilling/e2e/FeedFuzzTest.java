package com.marketplacebilling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever happens to the bytes of a valid inbox (sample-data/2026-11-02), the job either completes
 * (exit 0) with every row accounted for (manifest rows = accepted + rejected = the data records in the file,
 * no output cell that could run as a formula, nothing left behind), or fails with exit 1 and a message that
 * names the damaged file, publishing nothing. Never anything else, never a stack trace.
 *
 * <p>Seeded: {@code -Dfuzz.seed=S} replays a run, {@code -Dfuzz.iterations=N} (default 12) runs longer; a fixed
 * list of seeds also runs every time, so a regression on a known input fails every build. The
 * seed is printed at the start and in every failure; the failing inbox is kept under target/fuzz-failures.
 */
@Slow
class FeedFuzzTest {
    private static final String DATE = "2026-11-02";
    private static final List<String> FILES = List.of("subscriptions.csv", "fulfillment-events.csv");
    private static final byte[] INTERESTING = {0, '"', ',', '\n', '\r', (byte) 0xFF, (byte) 0xC3, ' ', '-', '=', '@',
            '+', '\t', '9', 'x', (byte) 0xEF};
    static MigratedDatabases databases;
    @TempDir
    Path tmp;

    @BeforeAll
    static void migrateTemplate() { databases = new MigratedDatabases(); }

    @AfterAll
    static void dropTemplate() { databases.close(); }

    @Test
    @DisplayName("mutated feeds, a new seed each run: exit 0 with every row accounted for, or exit 1 naming the file")
    void mutatedFeedsAreAccountedForOrRefused() throws IOException {
        fuzz(Long.getLong("fuzz.seed", new SecureRandom().nextLong()), Integer.getInteger("fuzz.iterations", 12));
    }

    /** Seeds that once found defects or cover every mutation kind; they replay the same inboxes every run. */
    @ParameterizedTest(name = "mutated feeds, fixed seed {0}")
    @ValueSource(longs = {1L, 42L, 20261125L, -7046029254386353131L})
    void fixedSeeds(long seed) throws IOException {
        fuzz(seed, 3);
    }

    private void fuzz(long seed, int iterations) throws IOException {
        System.out.println("FeedFuzzTest: -Dfuzz.seed=" + seed + " -Dfuzz.iterations=" + iterations);
        Random seeds = new Random(seed);
        int completed = 0;
        int refused = 0;
        for (int i = 0; i < iterations; i++) {
            Random rnd = new Random(seeds.nextLong());
            Path inbox = tmp.resolve(seed + "-inbox-" + i);
            Path day = Files.createDirectories(inbox.resolve(DATE));
            List<String> applied = new ArrayList<>();
            for (String f : FILES) Files.write(day.resolve(f), Files.readAllBytes(Path.of("sample-data", DATE, f)));
            int n = 1 + rnd.nextInt(4);
            for (int m = 0; m < n; m++) {
                String f = FILES.get(rnd.nextInt(FILES.size()));
                byte[] mutated = mutate(Files.readAllBytes(day.resolve(f)), rnd, applied, f);
                Files.write(day.resolve(f), mutated);
            }
            String context = "seed " + seed + ", iteration " + i + " (replay: -Dfuzz.seed=" + seed + " -Dfuzz.iterations="
                    + (i + 1) + "), mutations " + applied;
            try {
                if (runAndCheck(inbox, context)) completed++;
                else refused++;
            } catch (AssertionError | RuntimeException e) {
                Path kept = Path.of("target", "fuzz-failures", seed + "-" + i);
                copyTree(inbox, kept);
                throw new AssertionError(context + "; failing inbox kept in " + kept.toAbsolutePath() + "\n" + e.getMessage(), e);
            }
        }
        System.out.println("FeedFuzzTest: " + completed + " completed, " + refused + " refused (file-level), seed " + seed);
    }

    /** Runs the date; true when it completed, false when it was refused at file level. */
    private boolean runAndCheck(Path inbox, String context) throws IOException {
        Path outbox = inbox.resolveSibling(inbox.getFileName() + "-out");
        try (MigratedDatabases.Copy db = databases.create()) {
            Cli.Result r = new Cli(Cli.repository(), db.url())
                    .run("run", "--date", DATE, "--inbox", inbox.toString(), "--outbox", outbox.toString());
            String what = context + "\n" + r.all();
            assertThat(r.all()).as("no stack trace: " + what).doesNotContain("\tat ");
            assertThat(r.exitCode()).as(what).isIn(0, 1);
            Outputs.assertNoLeftovers(outbox);
            if (r.exitCode() == 1) {
                Path day = inbox.resolve(DATE);
                assertThat(r.err()).as("a file-level message naming the file: " + what)
                        .containsAnyOf(day.resolve(FILES.get(0)).toString(), day.resolve(FILES.get(1)).toString());
                assertThat(outbox.resolve(DATE)).as("no output folder: " + what).doesNotExist();
                assertThat(db.count("SELECT count(*) FROM invoice_line")).as("nothing billed: " + what).isZero();
                return false;
            }
            Path folder = outbox.resolve(DATE);
            Map<String, Outputs.Input> inputs = Outputs.assertAccounted(folder, inbox.resolve(DATE));
            for (Map<String, String> e : Outputs.rows(folder.resolve("exceptions.csv"))) {
                if (e.get("Code").equals("MALFORMED_ROW")) {
                    assertThat(Long.parseLong(e.get("SourceLine"))).as(what).isGreaterThan(1L);
                }
            }
            long malformed = db.count("SELECT count(*) FROM billing_exception WHERE code = 'MALFORMED_ROW'");
            assertThat(malformed).as("malformed rows are rejected rows: " + what)
                    .isLessThanOrEqualTo(inputs.values().stream().mapToLong(Outputs.Input::rejected).sum());
            Outputs.assertNoFormulaCells(folder);
            return true;
        }
    }

    /** One random damage: a byte changed, a field cut, a line duplicated, swapped or dropped, the file truncated. */
    static byte[] mutate(byte[] b, Random rnd, List<String> applied, String file) {
        List<byte[]> lines = splitLines(b);
        int kind = rnd.nextInt(7);
        switch (kind) {
            case 0 -> {
                if (b.length == 0) return b;
                int at = rnd.nextInt(b.length);
                byte v = rnd.nextBoolean() ? INTERESTING[rnd.nextInt(INTERESTING.length)] : (byte) rnd.nextInt(256);
                applied.add(file + ": byte " + at + " := 0x" + Integer.toHexString(v & 0xff));
                byte[] c = b.clone();
                c[at] = v;
                return c;
            }
            case 1 -> {
                if (lines.isEmpty()) return b;
                int li = rnd.nextInt(lines.size());
                String line = new String(lines.get(li), java.nio.charset.StandardCharsets.ISO_8859_1);
                int from = rnd.nextInt(line.length() + 1);
                int to = Math.min(line.length(), from + rnd.nextInt(30));
                applied.add(file + ": line " + (li + 1) + " chars " + from + ".." + to + " cut");
                lines.set(li, (line.substring(0, from) + line.substring(to)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            case 2 -> {
                if (lines.isEmpty()) return b;
                int li = rnd.nextInt(lines.size());
                applied.add(file + ": line " + (li + 1) + " duplicated");
                lines.add(li, lines.get(li));
            }
            case 3 -> {
                if (lines.size() < 2) return b;
                int x = rnd.nextInt(lines.size());
                int y = rnd.nextInt(lines.size());
                applied.add(file + ": lines " + (x + 1) + " and " + (y + 1) + " swapped");
                byte[] t = lines.get(x);
                lines.set(x, lines.get(y));
                lines.set(y, t);
            }
            case 4 -> {
                int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
                applied.add(file + ": truncated at byte " + at);
                return java.util.Arrays.copyOf(b, at);
            }
            case 5 -> {
                if (lines.isEmpty()) return b;
                int li = rnd.nextInt(lines.size());
                applied.add(file + ": line " + (li + 1) + " removed");
                lines.remove(li);
            }
            default -> {
                int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
                byte[] junk = new byte[1 + rnd.nextInt(8)];
                for (int k = 0; k < junk.length; k++) junk[k] = INTERESTING[rnd.nextInt(INTERESTING.length)];
                applied.add(file + ": " + junk.length + " bytes inserted at " + at);
                byte[] c = new byte[b.length + junk.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(junk, 0, c, at, junk.length);
                System.arraycopy(b, at, c, at + junk.length, b.length - at);
                return c;
            }
        }
        return joinLines(lines);
    }

    /** Physical lines, each with its LF (the last may lack one). */
    private static List<byte[]> splitLines(byte[] b) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(b, start, i + 1));
                start = i + 1;
            }
        }
        if (start < b.length) lines.add(java.util.Arrays.copyOfRange(b, start, b.length));
        return lines;
    }

    private static byte[] joinLines(List<byte[]> lines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.writeBytes(l);
            if (l.length > 0 && l[l.length - 1] != '\n') out.write('\n'); // a moved last line keeps rows apart
        }
        return out.toByteArray();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
