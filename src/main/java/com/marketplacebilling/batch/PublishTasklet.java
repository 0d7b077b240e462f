package com.marketplacebilling.batch;

import com.marketplacebilling.billing.BillingPolicy;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.publish.DatePublisher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Publishes the date's files (all its data is committed by the earlier steps) and marks the date completed. */
public class PublishTasklet implements Tasklet {
    private final DatePublisher publisher;
    private final RunRegistry registry;
    private final JobRepository jobRepository;
    private final Clock clock;
    private final LocalDate businessDate;
    private final Path outbox;
    private final BillingPolicy policy;

    public PublishTasklet(DatePublisher publisher, RunRegistry registry, JobRepository jobRepository, Clock clock,
                          LocalDate businessDate, Path outbox, BillingPolicy policy) {
        this.publisher = publisher;
        this.registry = registry;
        this.jobRepository = jobRepository;
        this.clock = clock;
        this.businessDate = businessDate;
        this.outbox = outbox;
        this.policy = policy;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        JobExecution execution = contribution.getStepExecution().getJobExecution();
        int attempt = jobRepository.getJobExecutions(execution.getJobInstance()).size();
        var started = registry.find(businessDate).startedAt();
        publisher.publish(businessDate, outbox,
                new DatePublisher.RunFacts(execution.getId(), attempt, policy, started));
        registry.complete(businessDate, clock.instant());
        return RepeatStatus.FINISHED;
    }
}
