package com.marketplacebilling.publish;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.ExceptionCode;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.ledger.Ledger;
import com.marketplacebilling.ledger.RunRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import com.marketplacebilling.billing.Hashes;
import java.nio.file.Path;
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
    private final Ledger ledger;
    private final RunRegistry registry;
    private final Clock clock;

    public DatePublisher(Ledger ledger, RunRegistry registry, Clock clock) {
        this.ledger = ledger;
        this.registry = registry;
        this.clock = clock;
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
            long lines;
            // each file's SHA-256 is taken as it is written, not by reading it back
            MessageDigest linesSha = Hashes.sha256();
            MessageDigest exceptionsSha = Hashes.sha256();
            try (OutputStream out = new DigestOutputStream(
                    AtomicPublisher.createFile(tmp.resolve(InvoiceLinesCsv.FILE_NAME)), linesSha);
                 InvoiceLinesCsv csv = new InvoiceLinesCsv(out)) {
                ledger.linesBilledOn(date, l -> {
                    csv.write(l);
                    totals.add(l);
                });
                csv.flush();
                lines = csv.rows();
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
                            exceptions));
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
