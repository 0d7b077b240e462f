package com.marketplacebilling.batch.reconcile;

import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.ledger.ReconciliationStore;
import java.nio.file.Path;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Checks Microsoft's files (folder, CSV files, required columns) and that they are the very files the run
 * recorded when it began (names and SHA-256): a restart must reconcile what the run first read.
 */
class CheckFilesTasklet implements Tasklet {
    private final ReconciliationStore store;
    private final long run;
    private final Path folder;

    CheckFilesTasklet(ReconciliationStore store, long run, Path folder) {
        this.store = store;
        this.run = run;
        this.folder = folder;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<MicrosoftFolder.InputFile> now = MicrosoftFolder.inspect(folder);
        List<String> recorded = store.files(run).stream().map(f -> f.name() + " " + f.sha256()).toList();
        List<String> current = now.stream().map(f -> f.name() + " " + f.sha256()).toList();
        if (!recorded.equals(current)) {
            throw new FeedFileException(folder + ": Microsoft's files changed since reconcile run " + run
                    + " first read them (then: " + recorded + "; now: " + current + "); run bin/billing reconcile"
                    + " again to reconcile the new files as a new run");
        }
        return RepeatStatus.FINISHED;
    }
}
