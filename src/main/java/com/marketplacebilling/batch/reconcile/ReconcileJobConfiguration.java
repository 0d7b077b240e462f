package com.marketplacebilling.batch.reconcile;

import com.marketplacebilling.ledger.ReconciliationStore;
import java.time.YearMonth;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reconcile job for one month (docs/reconciliation.md, D33-D35): check Microsoft's files, load them into
 * PostgreSQL, match both sides in key order and write the report into a temporary folder, publish the folder.
 * Identified by the month and the run; a restart of a failed run checks that the files did not change, then does
 * the check, load and match again (each a whole, idempotent) and publishes.
 */
@Configuration
public class ReconcileJobConfiguration {
    public static final String JOB_NAME = "reconcile";
    /** Job context key: the temporary folder the match step wrote. */
    static final String TEMP_FOLDER = "reconTempFolder";

    @Bean
    Job reconcileJob(JobRepository jobRepository, Step reconCheckStep, Step reconLoadStep, Step reconMatchStep,
                     Step reconPublishStep) {
        return new JobBuilder(JOB_NAME, jobRepository).start(reconCheckStep).next(reconLoadStep).next(reconMatchStep)
                .next(reconPublishStep).build();
    }

    /**
     * The job parameters of the running step, typed: the one place that reads them (as the nightly job's
     * {@code RunParameters}). Not proxied (a record cannot be): only the step-scoped tasklets below use it.
     */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    ReconcileParameters reconcileParameters(@Value("#{stepExecution}") StepExecution stepExecution) {
        return ReconcileParameters.of(stepExecution.getJobParameters());
    }

    @Bean
    Step reconCheckStep(JobRepository jobRepository, PlatformTransactionManager tx, CheckFilesTasklet reconCheckTasklet) {
        // again on every restart: a file that changed since the run first read it is refused, not resumed
        return new StepBuilder("reconCheck", jobRepository).tasklet(reconCheckTasklet, tx).allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    CheckFilesTasklet reconCheckTasklet(ReconciliationStore store, ReconcileParameters p) {
        return new CheckFilesTasklet(store, p.run(), p.folder());
    }

    @Bean
    Step reconLoadStep(JobRepository jobRepository, PlatformTransactionManager tx, LoadTasklet reconLoadTasklet) {
        // again on every restart: the working table is unlogged (a server crash empties it)
        return new StepBuilder("reconLoad", jobRepository).tasklet(reconLoadTasklet, tx).allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    LoadTasklet reconLoadTasklet(ReconciliationStore store, ReconcileParameters p) {
        return new LoadTasklet(store, p.run(), p.folder());
    }

    @Bean
    Step reconMatchStep(JobRepository jobRepository, PlatformTransactionManager tx, MatchTasklet reconMatchTasklet) {
        // again on every restart, for the same reason, into a new temporary folder
        return new StepBuilder("reconMatch", jobRepository).tasklet(reconMatchTasklet, tx).allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    MatchTasklet reconMatchTasklet(ReconciliationStore store, ReconcileParameters p) {
        return new MatchTasklet(store, p.run(), p.month(), p.outbox(), p.rounding());
    }

    @Bean
    Step reconPublishStep(JobRepository jobRepository, PlatformTransactionManager tx, PublishTasklet reconPublishTasklet) {
        return new StepBuilder("reconPublish", jobRepository).tasklet(reconPublishTasklet, tx).build();
    }

    @Bean
    @StepScope
    PublishTasklet reconPublishTasklet(ReconciliationStore store, java.time.Clock clock, ReconcileParameters p) {
        return new PublishTasklet(store, clock, p.run(), p.month(), p.outbox());
    }

    /** The report's folder name under the outbox. */
    public static String folderName(YearMonth month) { return "reconciliation/" + month; }
}
