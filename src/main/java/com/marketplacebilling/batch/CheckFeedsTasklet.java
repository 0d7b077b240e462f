package com.marketplacebilling.batch;

import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.feed.FeedReader;
import com.marketplacebilling.ledger.OutcomeStore;
import com.marketplacebilling.ledger.RunRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Fails the run before anything is stored when a feed is missing, unreadable or lacks required columns, or
 * when a feed changed since the date's first read (its checksum is recorded then).
 */
public class CheckFeedsTasklet implements Tasklet {
    /** Job context key prefix of a load step's expected row count (for progress reports). */
    public static final String ESTIMATE_PREFIX = "estimate.";
    private final OutcomeStore outcomes;
    private final RunRegistry registry;
    private final Path dateFolder;
    private final LocalDate businessDate;

    public CheckFeedsTasklet(OutcomeStore outcomes, RunRegistry registry, Path dateFolder, LocalDate businessDate) {
        this.outcomes = outcomes;
        this.registry = registry;
        this.dateFolder = dateFolder;
        this.businessDate = businessDate;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        var jobContext = contribution.getStepExecution().getJobExecution().getExecutionContext();
        long[] rows = checkBoth();
        jobContext.putLong(ESTIMATE_PREFIX + "loadCommerce", rows[0]);
        jobContext.putLong(ESTIMATE_PREFIX + "loadFulfillment", rows[1]);
        return RepeatStatus.FINISHED;
    }

    /** Checks both feeds; returns their approximate data rows (commerce, fulfillment). */
    public long[] checkBoth() throws IOException {
        long commerce = check(SourceRef.COMMERCE_FILE,
                FeedReader.commerce(dateFolder.resolve(SourceRef.COMMERCE_FILE), businessDate));
        long fulfillment = check(SourceRef.FULFILLMENT_FILE,
                FeedReader.fulfillment(dateFolder.resolve(SourceRef.FULFILLMENT_FILE), businessDate));
        return new long[] {commerce, fulfillment};
    }

    /** Checks one feed and returns its approximate number of data rows (line breaks minus the header). */
    private long check(String name, FeedReader<?> opened) throws IOException {
        Path file = dateFolder.resolve(name);
        try (FeedReader<?> reader = opened) {
            outcomes.storeExceptions(reader.headerNotices());
        }
        if (!Files.isRegularFile(file)) throw new FeedFileException(file + ": file is missing");
        FileFingerprint print = FileFingerprint.of(file);
        String sha = print.sha256();
        String recorded = registry.recordedChecksum(businessDate, name);
        if (recorded == null) {
            registry.recordChecksum(businessDate, name, sha);
        } else if (!recorded.equals(sha)) {
            throw new FeedFileException(file + ": the file changed since this date's run first read it (SHA-256 "
                    + recorded + ", now " + sha + "); restore the original file, or abandon the date's run and"
                    + " send the corrections in the next date's feeds");
        }
        return Math.max(0, print.lineBreaks() - 1);
    }
}
