package com.marketplacebilling.batch.reconcile;

import com.marketplacebilling.ledger.ReconciliationStore;
import com.marketplacebilling.ledger.ReconciliationStore.MicrosoftRecord;
import com.marketplacebilling.reconcile.MicrosoftFileReader;
import com.marketplacebilling.reconcile.MicrosoftRow;
import com.marketplacebilling.reconcile.ReconCode;
import com.marketplacebilling.reconcile.ReconKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Reads every file of the run with {@link MicrosoftFileReader} and COPYs its rows, compared or set aside, into
 * the working table a chunk at a time (in the step's transaction), recording each file's row accounting.
 */
class LoadTasklet implements Tasklet {
    static final int CHUNK = 10_000;
    private final ReconciliationStore store;
    private final long run;
    private final Path folder;

    LoadTasklet(ReconciliationStore store, long run, Path folder) {
        this.store = store;
        this.run = run;
        this.folder = folder;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        store.clearWork();
        for (ReconciliationStore.RunFile f : store.files(run)) {
            long rows = 0, compared = 0, setAside = 0, malformed = 0;
            List<MicrosoftRecord> chunk = new ArrayList<>(CHUNK);
            try (MicrosoftFileReader reader = new MicrosoftFileReader(f.name(), Files.newInputStream(folder.resolve(f.name())))) {
                for (MicrosoftFileReader.Outcome o; (o = reader.next()) != null; ) {
                    rows++;
                    contribution.incrementReadCount();
                    if (o instanceof MicrosoftFileReader.Compared c) {
                        compared++;
                        chunk.add(record(c.row()));
                    } else if (o instanceof MicrosoftFileReader.SetAside s) {
                        if (s.code() == ReconCode.RECON_MALFORMED_ROW) malformed++;
                        else setAside++;
                        chunk.add(new MicrosoftRecord(s.file(), s.line(), s.code().name(), s.subscriptionId(), null,
                                s.chargeType(), null, null, null, null, null, null, null, null, null, null, null,
                                null, s.message()));
                    }
                    if (chunk.size() == CHUNK) {
                        store.storeMicrosoftRows(run, chunk);
                        chunk.clear();
                    }
                }
            }
            store.storeMicrosoftRows(run, chunk);
            store.recordFileCounts(run, f.name(), rows, compared, setAside, malformed);
            contribution.incrementWriteCount(rows);
        }
        store.analyzeWork();
        return RepeatStatus.FINISHED;
    }

    static MicrosoftRecord record(MicrosoftRow m) {
        ReconKey k = m.key();
        return new MicrosoftRecord(m.file(), m.line(), null, k.subscriptionId(), k.chargeType(), null,
                k.chargeStartDate(), k.chargeEndDate(), k.direction() == ReconKey.Direction.CREDIT, k.quantity(),
                m.customerId(), m.subtotal(), m.currency(), m.effectiveUnitPrice(), m.pricingCurrency(),
                m.exchangeRate(), m.invoiceNumber(), m.referenceId(), null);
    }
}
