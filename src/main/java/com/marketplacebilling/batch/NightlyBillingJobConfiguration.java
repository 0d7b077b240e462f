package com.marketplacebilling.batch;

import static com.marketplacebilling.batch.JobParameterNames.BUSINESS_DATE;
import static com.marketplacebilling.batch.JobParameterNames.INBOX;
import static com.marketplacebilling.batch.JobParameterNames.LEGACY_UNTIL;
import static com.marketplacebilling.batch.JobParameterNames.OUTBOX;
import static com.marketplacebilling.batch.JobParameterNames.ROUNDING;

import com.marketplacebilling.billing.BillingEngine;
import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.billing.BillingResult;
import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.Rounding;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.billing.SubscriptionHistory;
import com.marketplacebilling.feed.FeedReader;
import com.marketplacebilling.feed.ParsedRow;
import com.marketplacebilling.ledger.DueSetPlanner;
import com.marketplacebilling.ledger.FactStore;
import com.marketplacebilling.ledger.HistoryStore;
import com.marketplacebilling.ledger.OutcomeStore;
import com.marketplacebilling.ledger.OutputQueries;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.publish.DatePublisher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly billing job for one business date: check the feeds, load them, bill every subscription, publish.
 * The business date is the only identifying parameter (no incrementer), so a rerun of a failed date resumes it.
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

    /** Reports every 10 s (billing.progress.interval-ms); totals come from the feed check and the ledger. */
    @Bean
    @StepScope
    ProgressListener progressListener(DueSetPlanner dueSet,
                                      @Value("${billing.progress.interval-ms:10000}") long intervalMillis) {
        return new ProgressListener(intervalMillis, step -> switch (step.getStepName()) {
            case "billSlice" -> dueSet.dueCount(step.getJobParameters().getLocalDate(BUSINESS_DATE))
                    / Math.max(1, step.getExecutionContext().getInt(SubscriptionSlicePartitioner.COUNT, 1));
            default -> step.getJobExecution().getExecutionContext()
                    .getLong(CheckFeedsTasklet.ESTIMATE_PREFIX + step.getStepName(), -1L);
        });
    }

    // ---- check -------------------------------------------------------------------------------------------

    @Bean
    Step checkFeedsStep(JobRepository jobRepository, PlatformTransactionManager tx, CheckFeedsTasklet checkFeedsTasklet) {
        // runs again on every restart: a feed that changed since the first read must be refused, not resumed
        return new StepBuilder("checkFeeds", jobRepository).tasklet(checkFeedsTasklet, tx).allowStartIfComplete(true)
                .build();
    }

    @Bean
    @StepScope
    CheckFeedsTasklet checkFeedsTasklet(OutcomeStore outcomes, RunRegistry registry,
                                        @Value("#{jobParameters['" + INBOX + "']}") String inbox,
                                        @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date) {
        return new CheckFeedsTasklet(outcomes, registry, Path.of(inbox).resolve(date.toString()), date);
    }

    // ---- load --------------------------------------------------------------------------------------------

    @Bean
    Step loadCommerceStep(JobRepository jobRepository, PlatformTransactionManager tx,
                          FeedItemReader<CommerceVersion> commerceReader, FeedRowWriter<CommerceVersion> commerceWriter,
                          ProgressListener progress) {
        return new StepBuilder("loadCommerce", jobRepository).<ParsedRow<CommerceVersion>, ParsedRow<CommerceVersion>>chunk(LOAD_CHUNK)
                .reader(commerceReader).writer(commerceWriter).transactionManager(tx).listener(progress).build();
    }

    @Bean
    @StepScope
    FeedItemReader<CommerceVersion> commerceReader(@Value("#{jobParameters['" + INBOX + "']}") String inbox,
                                                   @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date) {
        Path file = Path.of(inbox).resolve(date.toString()).resolve(SourceRef.COMMERCE_FILE);
        return new FeedItemReader<>("commerce", () -> FeedReader.commerce(file, date));
    }

    @Bean
    @StepScope
    FeedRowWriter<CommerceVersion> commerceWriter(FactStore facts, OutcomeStore outcomes, RunRegistry registry,
                                                  FeedItemReader<CommerceVersion> commerceReader,
                                                  @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date) {
        return new FeedRowWriter<>(outcomes, registry, commerceReader, facts::storeVersions, date, SourceRef.COMMERCE_FILE);
    }

    @Bean
    Step loadFulfillmentStep(JobRepository jobRepository, PlatformTransactionManager tx,
                             FeedItemReader<FulfillmentEvent> fulfillmentReader,
                             FeedRowWriter<FulfillmentEvent> fulfillmentWriter, ProgressListener progress) {
        return new StepBuilder("loadFulfillment", jobRepository).<ParsedRow<FulfillmentEvent>, ParsedRow<FulfillmentEvent>>chunk(LOAD_CHUNK)
                .reader(fulfillmentReader).writer(fulfillmentWriter).transactionManager(tx).listener(progress).build();
    }

    @Bean
    @StepScope
    FeedItemReader<FulfillmentEvent> fulfillmentReader(@Value("#{jobParameters['" + INBOX + "']}") String inbox,
                                                       @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date) {
        Path file = Path.of(inbox).resolve(date.toString()).resolve(SourceRef.FULFILLMENT_FILE);
        return new FeedItemReader<>("fulfillment", () -> FeedReader.fulfillment(file, date));
    }

    @Bean
    @StepScope
    FeedRowWriter<FulfillmentEvent> fulfillmentWriter(FactStore facts, OutcomeStore outcomes, RunRegistry registry,
                                                      FeedItemReader<FulfillmentEvent> fulfillmentReader,
                                                      @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date) {
        return new FeedRowWriter<>(outcomes, registry, fulfillmentReader, facts::storeEvents, date,
                SourceRef.FULFILLMENT_FILE);
    }

    // ---- bill --------------------------------------------------------------------------------------------

    /**
     * The bill step runs {@code billing.bill.slices} consecutive ranges of the due subscriptions in parallel
     * (SubscriptionSlicePartitioner), after readying the ledger once for all of them.
     */
    @Bean
    Step billStep(JobRepository jobRepository, DueSetPlanner dueSet, Step billSliceStep,
                  SubscriptionSlicePartitioner billPartitioner, @Value("${billing.bill.slices:2}") int slices,
                  ObjectProvider<PartitionHandler> remoteBillPartitionHandler) {
        PartitionStepBuilder partitioned = new StepBuilder("bill", jobRepository)
                .partitioner(billSliceStep.getName(), billPartitioner).step(billSliceStep);
        // billing.partitioning=remote (package remote) sends the same slices to worker processes instead
        PartitionHandler remote = remoteBillPartitionHandler.getIfAvailable();
        partitioned = remote != null ? partitioned.partitionHandler(remote)
                : partitioned.gridSize(slices).taskExecutor(new SimpleAsyncTaskExecutor("bill-"));
        return partitioned
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) { dueSet.prepareBilling(); }
                }).build();
    }

    @Bean
    @StepScope
    SubscriptionSlicePartitioner billPartitioner(DueSetPlanner dueSet,
                                                 @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date) {
        return new SubscriptionSlicePartitioner(parts -> dueSet.dueIdSplits(date, parts));
    }

    @Bean
    Step billSliceStep(JobRepository jobRepository, PlatformTransactionManager tx,
                       SubscriptionHistoryReader historyReader, BillingProcessor billingProcessor,
                       LedgerWriter ledgerWriter, ProgressListener progress) {
        return new StepBuilder("billSlice", jobRepository).<SubscriptionHistory, BillingResult>chunk(BILL_CHUNK)
                .reader(historyReader).processor(billingProcessor).writer(ledgerWriter).transactionManager(tx)
                .listener(progress).build();
    }

    @Bean
    @StepScope
    SubscriptionHistoryReader historyReader(DueSetPlanner dueSet, HistoryStore histories,
                                            @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date,
                                            @Value("#{stepExecution}") StepExecution stepExecution) {
        return new SubscriptionHistoryReader(dueSet, histories, date, null,
                SubscriptionSlicePartitioner.slice(stepExecution.getExecutionContext()), BILL_CHUNK);
    }

    @Bean
    @StepScope
    BillingProcessor billingProcessor(RunRegistry registry,
                                      @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date) {
        return new BillingProcessor(new BillingEngine(), registry.find(date).context());
    }

    @Bean
    @StepScope
    LedgerWriter ledgerWriter(OutcomeStore outcomes, DueSetPlanner dueSet, @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date) {
        return new LedgerWriter(outcomes, dueSet, date);
    }

    // ---- publish -----------------------------------------------------------------------------------------

    @Bean
    Step publishStep(JobRepository jobRepository, PlatformTransactionManager tx, PublishTasklet publishTasklet) {
        return new StepBuilder("publish", jobRepository).tasklet(publishTasklet, tx).build();
    }

    @Bean
    @StepScope
    PublishTasklet publishTasklet(OutputQueries outputs, RunRegistry registry, JobRepository jobRepository, Clock clock,
                                  @Value("#{jobParameters['" + BUSINESS_DATE + "']}") LocalDate date,
                                  @Value("#{jobParameters['" + OUTBOX + "']}") String outbox,
                                  @Value("#{jobParameters['" + ROUNDING + "']}") String rounding,
                                  @Value("#{jobParameters['" + LEGACY_UNTIL + "']}") String legacyUntil) {
        BillingPolicy policy = new BillingPolicy(Rounding.parse(rounding), Instant.parse(legacyUntil));
        return new PublishTasklet(new DatePublisher(outputs, registry, clock, true), registry, jobRepository, clock, date,
                Path.of(outbox), policy);
    }
}
