package com.marketplacebilling.batch.reconcile;

import com.marketplacebilling.ledger.ReconciliationStore;
import com.marketplacebilling.publish.AtomicPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Moves the written report into {@code <outbox>/reconciliation/<YYYY-MM>/} as a whole and completes the run. */
class PublishTasklet implements Tasklet {
    private final ReconciliationStore store;
    private final Clock clock;
    private final long run;
    private final YearMonth month;
    private final Path outbox;

    PublishTasklet(ReconciliationStore store, Clock clock, long run, YearMonth month, Path outbox) {
        this.store = store;
        this.clock = clock;
        this.run = run;
        this.month = month;
        this.outbox = outbox;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        String tmp = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .getString(ReconcileJobConfiguration.TEMP_FOLDER);
        Path folder = Path.of(tmp);
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(folder + ": the written report is missing; run bin/billing reconcile again");
        }
        new AtomicPublisher().commit(folder, outbox.toAbsolutePath().normalize()
                .resolve(ReconcileJobConfiguration.folderName(month)));
        store.complete(run, clock.instant());
        store.clearWork();
        return RepeatStatus.FINISHED;
    }
}
