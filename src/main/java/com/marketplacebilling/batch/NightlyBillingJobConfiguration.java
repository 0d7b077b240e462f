package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingResult;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.SubscriptionHistory;
import com.marketplacebilling.feed.ParsedRow;
import com.marketplacebilling.ledger.DueSetPlanner;
import com.marketplacebilling.ledger.FactStore;
import com.marketplacebilling.ledger.HistoryStore;
import com.marketplacebilling.ledger.OutcomeStore;
import com.marketplacebilling.ledger.OutputQueries;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.publish.DatePublisher;
import java.time.Clock;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly billing job for one business date: check the feeds, load them, bill every subscription, publish.
 * The business date is the only identifying parameter (no incrementer), so a rerun of a failed date resumes it.
 * The steps' parts come from the {@link BillingPipeline}, which a preview and a recomputation use too.
 */
@Configuration
public class NightlyBillingJobConfiguration {
    public static final String JOB_NAME = "nightlyBilling";
    // chosen by measurement (docs/performance.md)
    public static final int LOAD_CHUNK = 10000;
    public static final int BILL_CHUNK = 1000;

    @Bean
    Job nightlyBillingJob(JobRepository jobRepository, Step checkFeedsStep, Step loadCommerceStep,
                          Step loadFulfillmentStep, Step billStep, Step publishStep) {
        // The two feeds load side by side: each alternates between parsing in Java and writing in PostgreSQL,
        // so two of them keep both cores busy (docs/performance.md).
        Flow loads = new FlowBuilder<SimpleFlow>("loadFeeds").split(new SimpleAsyncTaskExecutor("load-"))
                .add(new FlowBuilder<SimpleFlow>("commerce").start(loadCommerceStep).build(),
                        new FlowBuilder<SimpleFlow>("fulfillment").start(loadFulfillmentStep).build())
                .build();
        return new JobBuilder(JOB_NAME, jobRepository).flow(checkFeedsStep).next(loads).next(billStep)
                .next(publishStep).end().build();
    }

    @Bean
    Clock clock() { return Clock.systemUTC(); }

    @Bean
    BillingPipeline billingPipeline(FactStore facts, OutcomeStore outcomes, DueSetPlanner dueSet,
                                    HistoryStore histories, RunRegistry registry) {
        return new BillingPipeline(facts, outcomes, dueSet, histories, registry);
    }

    /**
     * The job parameters of the running step, typed: the one place that reads them. Not proxied (a record cannot
     * be): only the step-scoped beans below use it, and they are made inside their step.
     */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    RunParameters runParameters(@Value("#{stepExecution}") StepExecution stepExecution) {
        return RunParameters.of(stepExecution.getJobParameters());
    }

    /** Reports every 10 s (billing.progress.interval-ms); totals come from the feed check and the ledger. */
    @Bean
    @StepScope
    ProgressListener progressListener(BillingPipeline pipeline, RunParameters run,
                                      @Value("${billing.progress.interval-ms:10000}") long intervalMillis) {
        return new ProgressListener(intervalMillis, step -> BillingStep.BILL_SLICE.stepName().equals(step.getStepName())
                ? pipeline.dueCount(run.businessDate())
                        / Math.max(1, step.getExecutionContext().getInt(SubscriptionSlicePartitioner.COUNT, 1))
                : step.getJobExecution().getExecutionContext()
                        .getLong(CheckFeedsTasklet.ESTIMATE_PREFIX + step.getStepName(), -1L));
    }

    // ---- check -------------------------------------------------------------------------------------------

    @Bean
    Step checkFeedsStep(JobRepository jobRepository, PlatformTransactionManager tx, CheckFeedsTasklet checkFeedsTasklet) {
        // runs again on every restart: a feed that changed since the first read must be refused, not resumed
        return new StepBuilder(BillingStep.CHECK_FEEDS.stepName(), jobRepository).tasklet(checkFeedsTasklet, tx)
                .allowStartIfComplete(true).build();
    }

    @Bean
    @StepScope
    CheckFeedsTasklet checkFeedsTasklet(BillingPipeline pipeline, RunParameters run) {
        return pipeline.checkFeeds(run.inbox(), run.businessDate());
    }

    // ---- load --------------------------------------------------------------------------------------------

    @Bean
    Step loadCommerceStep(JobRepository jobRepository, PlatformTransactionManager tx, BillingPipeline pipeline,
                          FeedItemReader<CommerceVersion> commerceReader, FeedRowWriter<CommerceVersion> commerceWriter,
                          ProgressListener progress) {
        // a first night's bulk load skips the search indexes; the bill step builds them before it starts
        return loadStep(FeedLoad.COMMERCE, jobRepository, tx, commerceReader, commerceWriter, progress,
                pipeline::beforeCommerceLoad);
    }

    @Bean
    Step loadFulfillmentStep(JobRepository jobRepository, PlatformTransactionManager tx,
                             FeedItemReader<FulfillmentEvent> fulfillmentReader,
                             FeedRowWriter<FulfillmentEvent> fulfillmentWriter, ProgressListener progress) {
        return loadStep(FeedLoad.FULFILLMENT, jobRepository, tx, fulfillmentReader, fulfillmentWriter, progress,
                () -> {});
    }

    /** A feed's load step: its rows in chunks, each stored with its exceptions and counts in one transaction. */
    private static <T> Step loadStep(FeedLoad<T> feed, JobRepository jobRepository, PlatformTransactionManager tx,
                                     FeedItemReader<T> reader, FeedRowWriter<T> writer, ProgressListener progress,
                                     Runnable before) {
        return new StepBuilder(feed.step().stepName(), jobRepository).<ParsedRow<T>, ParsedRow<T>>chunk(LOAD_CHUNK)
                .reader(reader).writer(writer).transactionManager(tx).listener(progress)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) { before.run(); }
                }).build();
    }

    @Bean
    @StepScope
    FeedItemReader<CommerceVersion> commerceReader(BillingPipeline pipeline, RunParameters run) {
        return pipeline.feedReader(FeedLoad.COMMERCE, run.inbox(), run.businessDate());
    }

    @Bean
    @StepScope
    FeedRowWriter<CommerceVersion> commerceWriter(BillingPipeline pipeline, RunParameters run,
                                                  FeedItemReader<CommerceVersion> commerceReader) {
        return pipeline.feedWriter(FeedLoad.COMMERCE, commerceReader, run.businessDate());
    }

    @Bean
    @StepScope
    FeedItemReader<FulfillmentEvent> fulfillmentReader(BillingPipeline pipeline, RunParameters run) {
        return pipeline.feedReader(FeedLoad.FULFILLMENT, run.inbox(), run.businessDate());
    }

    @Bean
    @StepScope
    FeedRowWriter<FulfillmentEvent> fulfillmentWriter(BillingPipeline pipeline, RunParameters run,
                                                      FeedItemReader<FulfillmentEvent> fulfillmentReader) {
        return pipeline.feedWriter(FeedLoad.FULFILLMENT, fulfillmentReader, run.businessDate());
    }

    // ---- bill --------------------------------------------------------------------------------------------

    /**
     * The bill step runs {@code billing.bill.slices} consecutive ranges of the due subscriptions in parallel
     * (SubscriptionSlicePartitioner), after readying the ledger once for all of them.
     */
    @Bean
    Step billStep(JobRepository jobRepository, BillingPipeline pipeline, Step billSliceStep,
                  SubscriptionSlicePartitioner billPartitioner, @Value("${billing.bill.slices:2}") int slices,
                  ObjectProvider<PartitionHandler> remoteBillPartitionHandler) {
        PartitionStepBuilder partitioned = new StepBuilder(BillingStep.BILL.stepName(), jobRepository)
                .partitioner(billSliceStep.getName(), billPartitioner).step(billSliceStep);
        // billing.partitioning=remote (package remote) sends the same slices to worker processes instead
        PartitionHandler remote = remoteBillPartitionHandler.getIfAvailable();
        partitioned = remote != null ? partitioned.partitionHandler(remote)
                : partitioned.gridSize(slices).taskExecutor(new SimpleAsyncTaskExecutor("bill-"));
        return partitioned
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) { pipeline.prepareBilling(); }
                }).build();
    }

    @Bean
    @StepScope
    SubscriptionSlicePartitioner billPartitioner(BillingPipeline pipeline, RunParameters run) {
        return new SubscriptionSlicePartitioner(parts -> pipeline.sliceBounds(run.businessDate(), parts));
    }

    @Bean
    Step billSliceStep(JobRepository jobRepository, PlatformTransactionManager tx,
                       SubscriptionHistoryReader historyReader, BillingProcessor billingProcessor,
                       LedgerWriter ledgerWriter, ProgressListener progress) {
        return new StepBuilder(BillingStep.BILL_SLICE.stepName(), jobRepository)
                .<SubscriptionHistory, BillingResult>chunk(BILL_CHUNK)
                .reader(historyReader).processor(billingProcessor).writer(ledgerWriter).transactionManager(tx)
                .listener(progress).build();
    }

    @Bean
    @StepScope
    SubscriptionHistoryReader historyReader(BillingPipeline pipeline, RunParameters run,
                                            @Value("#{stepExecution}") StepExecution stepExecution) {
        return pipeline.dueHistories(run.businessDate(),
                SubscriptionSlicePartitioner.slice(stepExecution.getExecutionContext()));
    }

    @Bean
    @StepScope
    BillingProcessor billingProcessor(BillingPipeline pipeline, RunParameters run) {
        return pipeline.processor(run.businessDate());
    }

    @Bean
    @StepScope
    LedgerWriter ledgerWriter(BillingPipeline pipeline, RunParameters run) {
        return pipeline.ledgerWriter(run.businessDate());
    }

    // ---- publish -----------------------------------------------------------------------------------------

    @Bean
    Step publishStep(JobRepository jobRepository, PlatformTransactionManager tx, PublishTasklet publishTasklet) {
        return new StepBuilder(BillingStep.PUBLISH.stepName(), jobRepository).tasklet(publishTasklet, tx).build();
    }

    @Bean
    @StepScope
    PublishTasklet publishTasklet(OutputQueries outputs, RunRegistry registry, JobRepository jobRepository, Clock clock,
                                  RunParameters run) {
        return new PublishTasklet(new DatePublisher(outputs, registry, clock, true), registry, jobRepository, clock,
                run.businessDate(), run.outbox(), run.policy());
    }
}
