package com.marketplacebilling.publish;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.LineExplanation;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.ledger.OutputQueries;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.billing.Hashes;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a business date's outputs from the ledger (lines and exceptions stored by that date's run, sorted
 * by the database in binary order) into a temporary folder and moves it into place as a whole.
 */
public class DatePublisher {
    private final OutputQueries ledger;
    private final RunRegistry registry;
    private final Clock clock;
    private final boolean committedRows;
    private final long minLinesToSplit;

    /**
     * The shares of a large date's lines written at once, one part per core of the reference machine. The first
     * part's thread also hashes both files and has their bytes forced to disk as it writes, and then copies the
     * second part's temporary files after its own, as they grow (GrowingPart): it gets fewer lines, so that it is
     * done first and the copy runs while the second part is still being written instead of after it. (Equal halves
     * left the first part about a tenth slower, and the copy of the second after both with one core idle; the
     * split comes from a page sample, so a part's share varies by about 2%.)
     */
    static final double[] PART_SHARES = {0.44, 0.56};
    /** Below this many lines a date's invoice file is written in one pass. */
    static final long MIN_LINES_TO_SPLIT = 50_000;

    /** Publishes rows of the caller's transaction (a preview's, say), on the caller's thread. */
    public DatePublisher(OutputQueries ledger, RunRegistry registry, Clock clock) {
        this(ledger, registry, clock, false);
    }

    /**
     * @param committedRows the date's lines are committed, so other sessions can write parts of a large file in
     *                      parallel
     */
    public DatePublisher(OutputQueries ledger, RunRegistry registry, Clock clock, boolean committedRows) {
        this(ledger, registry, clock, committedRows, MIN_LINES_TO_SPLIT);
    }

    /** @param minLinesToSplit the fewest lines written in parts (tests lower it) */
    public DatePublisher(OutputQueries ledger, RunRegistry registry, Clock clock, boolean committedRows,
                         long minLinesToSplit) {
        this.ledger = ledger;
        this.registry = registry;
        this.clock = clock;
        this.committedRows = committedRows;
        this.minLinesToSplit = minLinesToSplit;
    }

    /** The run's own facts, recorded in the manifest. */
    public record RunFacts(long jobExecutionId, int attempt, BillingPolicy policy, Instant startedAt) {}

    /** Publishes into {@code <outbox>/<date>} and returns that folder. */
    public Path publish(LocalDate date, Path outbox, RunFacts facts) throws IOException {
        List<Manifest.InputFile> inputs = accountedInputs(date);
        AtomicPublisher publisher = new AtomicPublisher();
        AtomicPublisher.cleanLeftovers(outbox, date.toString());
        Path tmp = publisher.begin(outbox, date.toString());
        try {
            Totals totals = new Totals();
            // each file's SHA-256 is taken as it is written, not by reading it back
            MessageDigest linesSha = Hashes.sha256();
            MessageDigest exceptionsSha = Hashes.sha256();
            MessageDigest explanationsSha = Hashes.sha256();
            long lines = writeLines(date, tmp, linesSha, explanationsSha, totals);
            if (lines <= InvoiceWorkbook.MAX_LINES_PER_DATE) {
                InvoiceWorkbook.write(tmp.resolve(InvoiceLinesCsv.FILE_NAME), tmp.resolve(InvoiceWorkbook.FILE_NAME));
            }
            long exceptions;
            try (OutputStream out = new DigestOutputStream(
                    AtomicPublisher.createFile(tmp.resolve(ExceptionsCsv.FILE_NAME)), exceptionsSha);
                 ExceptionsCsv csv = new ExceptionsCsv(out)) {
                ledger.exceptionsRaisedOn(date, csv::write);
                csv.flush();
                exceptions = csv.rows();
            }
            List<Manifest.OutputFile> outputs = List.of(
                    new Manifest.OutputFile(InvoiceLinesCsv.FILE_NAME, HexFormat.of().formatHex(linesSha.digest()), lines),
                    new Manifest.OutputFile(ExceptionsCsv.FILE_NAME, HexFormat.of().formatHex(exceptionsSha.digest()),
                            exceptions),
                    new Manifest.OutputFile(LineExplanationsCsv.FILE_NAME,
                            HexFormat.of().formatHex(explanationsSha.digest()), lines));
            Manifest manifest = new Manifest(date, facts.jobExecutionId(), facts.attempt(), BillingPolicy.RULES_VERSION,
                    facts.policy().rounding().optionName(), facts.startedAt(), clock.instant(), inputs, outputs,
                    totals.byCurrency());
            try (OutputStream out = AtomicPublisher.createFile(tmp.resolve(Manifest.FILE_NAME))) {
                ManifestJson.write(manifest, out);
            }
            Path target = outbox.resolve(date.toString());
            publisher.commit(tmp, target);
            return target;
        } catch (IOException | RuntimeException e) {
            publisher.abort(tmp);
            throw e;
        }
    }

    /**
     * Writes {@code invoice-lines.csv} and, row for row in the same order, {@code line-explanations.csv}. A large date is written in parts by consecutive InvoiceNumber ranges, one
     * thread and one database session each (the sort and the formatting then use both cores), and the parts are
     * joined in order: the file is the same byte for byte.
     */
    private long writeLines(LocalDate date, Path tmp, MessageDigest sha, MessageDigest explanationsSha, Totals totals)
            throws IOException {
        Path file = tmp.resolve(InvoiceLinesCsv.FILE_NAME);
        Path explanations = tmp.resolve(LineExplanationsCsv.FILE_NAME);
        if (committedRows) ledger.prepareOutputs();
        List<String> bounds = committedRows ? ledger.invoiceNumberSplits(date, PART_SHARES, minLinesToSplit) : List.of();
        if (bounds.isEmpty()) {
            return writeLinePart(date, null, null, new DigestOutputStream(AtomicPublisher.createFile(file), sha),
                    new DigestOutputStream(AtomicPublisher.createFile(explanations), explanationsSha), totals);
        }
        int parts = bounds.size() + 1;
        // The first part goes straight into the two files, hashed as it is written; the others into temporary
        // files, which the first part's thread then copies after it, each as it grows (GrowingPart). Only the
        // later parts' bytes are copied once more.
        GrowingPart[] lineParts = new GrowingPart[parts];
        GrowingPart[] explanationParts = new GrowingPart[parts];
        Totals[] partTotals = new Totals[parts];
        long[] partRows = new long[parts];
        ExecutorService pool = Executors.newFixedThreadPool(parts, r -> new Thread(r, "publish-" + date));
        try (OutputStream linesOut = new DigestOutputStream(AtomicPublisher.createFile(file), sha);
             OutputStream explanationsOut = new DigestOutputStream(AtomicPublisher.createFile(explanations),
                     explanationsSha)) {
            for (int k = 1; k < parts; k++) {
                lineParts[k] = new GrowingPart(tmp.resolve(".part-" + k));
                explanationParts[k] = new GrowingPart(tmp.resolve(".explanations-part-" + k));
            }
            List<Callable<Void>> writers = new ArrayList<>();
            for (int k = 0; k < parts; k++) {
                String from = k == 0 ? null : bounds.get(k - 1);
                String to = k == parts - 1 ? null : bounds.get(k);
                partTotals[k] = new Totals();
                int part = k;
                writers.add(part == 0 ? () -> {
                    partRows[0] = writeLinePart(date, from, to, new KeptOpen(linesOut), new KeptOpen(explanationsOut),
                            partTotals[0]);
                    for (int later = 1; later < parts; later++) {
                        if (!GrowingPart.copyAll(new GrowingPart[] {lineParts[later], explanationParts[later]},
                                new OutputStream[] {linesOut, explanationsOut},
                                new long[] {InvoiceLinesCsv.HEADER.length() + 1, LineExplanationsCsv.HEADER.length() + 1})) {
                            break;
                        }
                    }
                    return null;
                } : () -> {
                    try {
                        partRows[part] = writeLinePart(date, from, to, lineParts[part].output(),
                                explanationParts[part].output(), partTotals[part]);
                    } catch (RuntimeException | Error e) {
                        lineParts[part].fail();
                        explanationParts[part].fail();
                        throw e;
                    }
                    lineParts[part].finish();
                    explanationParts[part].finish();
                    return null;
                });
            }
            runAll(writers, pool);
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (int k = 0; k < parts; k++) {
            totals.addAll(partTotals[k]);
            total += partRows[k];
        }
        return total;
    }

    /** Runs the tasks on {@code pool} and waits for all; the first failure is thrown as it was. */
    private static void runAll(List<Callable<Void>> tasks, ExecutorService pool) throws IOException {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Callable<Void> task : tasks) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return task.call();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** Passes bytes through and flushes on close, leaving the stream open (the first part's writers close it). */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) { super(out); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override
        public void close() throws IOException { out.flush(); }
    }

    /**
     * The lines of the date with InvoiceNumber in [from, to) (null: unbounded) and their explanations, header
     * first, in file order. Every line must recompute exactly from its explanation (issue 11's invariant): if one
     * ever does not, the run fails here and nothing is published.
     */
    private long writeLinePart(LocalDate date, String from, String to, OutputStream out, OutputStream explanationsOut,
                               Totals totals) {
        try (InvoiceLinesCsv csv = new InvoiceLinesCsv(out);
             LineExplanationsCsv why = new LineExplanationsCsv(explanationsOut)) {
            ledger.explainedLinesBilledOn(date, from, to, (l, e) -> {
                if (e != null) {
                    String wrong = LineExplanation.mismatch(l, e);
                    if (wrong != null) {
                        throw new IllegalStateException("explanation check failed for line " + l.lineId() + " of "
                                + date + ": " + wrong + "; nothing was published");
                    }
                }
                csv.write(l);
                why.write(l, e);
                totals.add(l);
            });
            csv.flush();
            why.flush();
            return csv.rows();
        }
    }

    /**
     * Every data row of each feed is accepted or rejected, and the reader's count of malformed rows must
     * equal the malformed-row exceptions stored: otherwise a row was lost, and nothing is published.
     */
    private List<Manifest.InputFile> accountedInputs(LocalDate date) {
        List<Manifest.InputFile> inputs = new ArrayList<>();
        for (String name : List.of(SourceRef.COMMERCE_FILE, SourceRef.FULFILLMENT_FILE)) {
            RunRegistry.FeedFile f = registry.feedFiles(date).stream().filter(x -> x.fileName().equals(name))
                    .findFirst().orElseThrow(() -> new IllegalStateException(name + " of " + date + " was never read"));
            long storedMalformed = ledger.exceptionCount(date, name, ExceptionCode.MALFORMED_ROW);
            if (storedMalformed != f.malformedRows()) {
                throw new IllegalStateException("accounting check failed for " + name + ": the reader found "
                        + f.malformedRows() + " malformed rows but " + storedMalformed + " MALFORMED_ROW exceptions"
                        + " are stored; nothing was published");
            }
            long rejected = ledger.rejectedRows(date, name);
            inputs.add(new Manifest.InputFile(name, f.sha256(), f.dataRows(), f.dataRows() - rejected, rejected));
        }
        return inputs;
    }
}
