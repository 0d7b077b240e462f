package com.marketplacebilling.batch.reconcile;

import com.marketplacebilling.ledger.ReconciliationStore;
import com.marketplacebilling.ledger.ReconciliationStore.Cursor;
import com.marketplacebilling.ledger.ReconciliationStore.CurrencyFigures;
import com.marketplacebilling.ledger.ReconciliationStore.LineRecord;
import com.marketplacebilling.ledger.ReconciliationStore.MicrosoftRecord;
import com.marketplacebilling.ledger.ReconciliationStore.ResultRecord;
import com.marketplacebilling.billing.Hashes;
import com.marketplacebilling.publish.AtomicPublisher;
import com.marketplacebilling.publish.CsvOutput;
import com.marketplacebilling.reconcile.MicrosoftFileReader;
import com.marketplacebilling.reconcile.MicrosoftRow;
import com.marketplacebilling.reconcile.OtherMode;
import com.marketplacebilling.reconcile.OurLine;
import com.marketplacebilling.reconcile.ReconCode;
import com.marketplacebilling.reconcile.ReconKey;
import com.marketplacebilling.reconcile.ReconManifest;
import com.marketplacebilling.reconcile.ReconMatcher;
import com.marketplacebilling.reconcile.ReconResult;
import com.marketplacebilling.reconcile.ReconStatus;
import com.marketplacebilling.reconcile.ReconSummary;
import com.marketplacebilling.reconcile.ReconciliationRows;
import com.marketplacebilling.reconcile.ReconciliationSummaryCsv;
import com.marketplacebilling.reconcile.SubscriptionFacts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Merges Microsoft's rows and our lines in key order ({@link ReconMatcher}), stores each result rendered as its
 * CSV record, checks the summary identity, then writes reconciliation.csv (rows sorted by PostgreSQL),
 * reconciliation-summary.csv and manifest.json into a temporary folder next to the report's folder, and
 * records the run's figures. Nothing month-sized is held in the heap: results go to the database in chunks,
 * the summary is per currency.
 */
class MatchTasklet implements Tasklet {
    static final String REPORT = "reconciliation.csv";
    static final String SUMMARY = "reconciliation-summary.csv";
    private final ReconciliationStore store;
    private final long run;
    private final YearMonth month;
    private final Path outbox;
    private final String rounding;

    MatchTasklet(ReconciliationStore store, long run, YearMonth month, Path outbox, String rounding) {
        this.store = store;
        this.run = run;
        this.month = month;
        this.outbox = outbox;
        this.rounding = rounding;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ReconSummary summary = new ReconSummary();
        Map<String, Long> statuses = new LinkedHashMap<>();
        for (String s : List.of("MATCHED", "RECON_OTHER_MONTH", "AMOUNT_DIFFERS", "ONLY_MICROSOFT", "ONLY_OURS", "SET_ASIDE")) {
            statuses.put(s, 0L);
        }
        long[] ourLines = {0};
        ReconciliationRows rows = new ReconciliationRows();
        List<ResultRecord> chunk = new ArrayList<>(LoadTasklet.CHUNK);
        java.util.function.Consumer<ReconResult> sink = r -> {
            summary.add(r);
            statuses.merge(r.status().name(), 1L, Long::sum);
            if (r.code() == ReconCode.RECON_OTHER_MONTH) statuses.merge(ReconCode.RECON_OTHER_MONTH.name(), 1L, Long::sum);
            if (r.ours() != null) ourLines[0]++;
            chunk.add(new ResultRecord(ReconciliationRows.severityRank(r), ReconciliationRows.code(r),
                    ReconciliationRows.subscriptionId(r), ReconciliationRows.chargeStartDate(r),
                    ReconciliationRows.direction(r), ReconciliationRows.microsoftFile(r), r.microsoftLine(),
                    ReconciliationRows.ourLineId(r), rows.render(r)));
            if (chunk.size() == LoadTasklet.CHUNK) {
                store.storeResults(run, chunk);
                chunk.clear();
            }
            contribution.incrementReadCount();
        };
        store.setAsideRows(run, m -> sink.accept(ReconResult.setAside(new MicrosoftFileReader.SetAside(m.file(), m.line(),
                ReconCode.valueOf(m.code()), m.subscriptionId(), m.chargeTypeText(), m.message()))));
        Function<String, SubscriptionFacts> facts = id -> {
            ReconciliationStore.SubscriptionRecord s = store.subscription(id);
            return new SubscriptionFacts(s.namedByCommerce(), s.firstLicensesAssigned(), s.firstActivate());
        };
        try (Cursor<MicrosoftRecord> microsoft = store.microsoftRowsInKeyOrder(run);
             Cursor<LineRecord> ours = store.ourLinesInKeyOrder(run, month)) {
            new ReconMatcher(month, facts).match(map(microsoft, MatchTasklet::microsoftRow), map(ours, MatchTasklet::ourLine), sink);
        }
        store.storeResults(run, chunk);
        chunk.clear();
        summary.checkIdentity(); // a failure is a bug: the step fails and nothing is published

        AtomicPublisher.cleanLeftovers(outbox, ReconcileJobConfiguration.folderName(month));
        AtomicPublisher publisher = new AtomicPublisher();
        Path tmp = publisher.begin(outbox, ReconcileJobConfiguration.folderName(month));
        try {
            List<ReconManifest.Output> outputs = new ArrayList<>();
            outputs.add(writeReport(tmp.resolve(REPORT), rows.header()));
            outputs.add(writeSummary(tmp.resolve(SUMMARY), summary));
            List<ReconManifest.Input> inputs = store.files(run).stream().map(f -> new ReconManifest.Input(f.name(),
                    f.sha256(), f.rows(), f.compared(), f.setAside(), f.malformed())).toList();
            ReconciliationStore.Run r = store.find(run);
            ReconManifest manifest = new ReconManifest(month, run, rounding, r.lastCompletedDate(), r.startedAt(), inputs,
                    outputs, summary.byCurrency(), statuses);
            try (OutputStream out = AtomicPublisher.createFile(tmp.resolve(ReconManifest.FILE_NAME))) {
                out.write(manifest.toBytes());
            }
            long compared = inputs.stream().mapToLong(ReconManifest.Input::compared).sum();
            long setAside = inputs.stream().mapToLong(ReconManifest.Input::setAside).sum();
            long malformed = inputs.stream().mapToLong(ReconManifest.Input::malformed).sum();
            store.recordFigures(run, new ReconciliationStore.RunCounts(compared + setAside + malformed, compared, setAside,
                    malformed, ourLines[0], statuses.get("MATCHED"), statuses.get("RECON_OTHER_MONTH"),
                    statuses.get("AMOUNT_DIFFERS"), statuses.get("ONLY_MICROSOFT"), statuses.get("ONLY_OURS")),
                    figures(summary));
        } catch (IOException | RuntimeException e) {
            publisher.abort(tmp);
            throw e;
        }
        chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .putString(ReconcileJobConfiguration.TEMP_FOLDER, tmp.toString());
        return RepeatStatus.FINISHED;
    }

    private ReconManifest.Output writeReport(Path file, String header) throws IOException {
        MessageDigest md = Hashes.sha256();
        long[] n = {0};
        try (OutputStream raw = AtomicPublisher.createFile(file);
             DigestOutputStream out = new DigestOutputStream(raw, md)) {
            out.write(header.getBytes(StandardCharsets.UTF_8));
            IOException[] failed = {null};
            store.resultsInReportOrder(run, text -> {
                if (failed[0] != null) return;
                try {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    n[0]++;
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) throw failed[0];
        }
        return new ReconManifest.Output(REPORT, HexFormat.of().formatHex(md.digest()), n[0]);
    }

    private static ReconManifest.Output writeSummary(Path file, ReconSummary summary) throws IOException {
        MessageDigest md = Hashes.sha256();
        long rows;
        try (OutputStream raw = AtomicPublisher.createFile(file);
             DigestOutputStream out = new DigestOutputStream(raw, md);
             ReconciliationSummaryCsv csv = new ReconciliationSummaryCsv(CsvOutput.utf8(out))) {
            summary.byCurrency().entrySet().forEach(csv::write);
            rows = csv.rows();
        }
        return new ReconManifest.Output(SUMMARY, HexFormat.of().formatHex(md.digest()), rows);
    }

    private static List<CurrencyFigures> figures(ReconSummary summary) {
        List<CurrencyFigures> out = new ArrayList<>();
        summary.byCurrency().forEach((c, f) -> out.add(new CurrencyFigures(c, f.microsoftRows, f.microsoftTotal,
                f.ourLines, f.ourTotal, f.matched, f.matchedTotal, f.differences, f.differenceTotal, f.onlyMicrosoft,
                f.onlyMicrosoftTotal, f.onlyOurs, f.onlyOursTotal)));
        return out;
    }

    static MicrosoftRow microsoftRow(MicrosoftRecord m) {
        ReconKey key = new ReconKey(m.subscriptionId(), m.chargeType(), m.chargeStartDate(), m.chargeEndDate(),
                m.credit() ? ReconKey.Direction.CREDIT : ReconKey.Direction.CHARGE, m.quantity());
        return new MicrosoftRow(m.file(), m.line(), key, m.customerId(), m.subtotal(), m.currency(),
                m.effectiveUnitPrice(), m.pricingCurrency(), m.exchangeRate(), m.invoiceNumber(), m.referenceId());
    }

    static OurLine ourLine(LineRecord l) {
        ReconKey key = new ReconKey(l.subscriptionId(), l.chargeType(), l.chargeStartDate(), l.chargeEndDate(),
                l.credit() ? ReconKey.Direction.CREDIT : ReconKey.Direction.CHARGE, l.quantity());
        java.math.BigDecimal other = l.unitPrice() == null || l.remainingDays() == null || l.cycleDays() == null
                || l.billedIn() == null ? null : OtherMode.subtotal(l.unitPrice(), l.remainingDays(), l.cycleDays(),
                l.quantity(), l.currency(), l.billedIn(), l.credit());
        return new OurLine(l.lineId(), l.invoiceNumber(), l.invoiceMonth(), key, l.customerId(), l.subtotal(),
                l.currency(), other);
    }

    private static <A, B> Iterator<B> map(Iterator<A> it, Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() { return it.hasNext(); }

            @Override
            public B next() { return f.apply(it.next()); }
        };
    }
}
