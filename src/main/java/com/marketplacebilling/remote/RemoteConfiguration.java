package com.marketplacebilling.remote;

import com.marketplacebilling.batch.BillingStep;
import com.marketplacebilling.ledger.WorkerRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Remote partitioning, present only with {@code billing.partitioning=remote} (local runs never load it): the
 * queue topology, the manager's partition handler for the bill step, and, in a worker process, the listener.
 * The application declares its exchanges and queues itself (durable), on the manager and on every worker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = RemoteSettings.MODE, havingValue = RemoteSettings.REMOTE)
public class RemoteConfiguration {
    /** The step name the bill step's slices run under (NightlyBillingJobConfiguration's billSliceStep). */
    static final String SLICE_STEP = BillingStep.BILL_SLICE.stepName();

    @Bean
    RemoteSettings remoteSettings(@Value("${billing.remote.queue:billing.slices}") String queue,
                                  @Value("${billing.remote.poll-interval-ms:1000}") long pollMillis,
                                  @Value("${billing.remote.worker-timeout-ms:15000}") long workerTimeoutMillis,
                                  @Value("${billing.remote.worker-wait-ms:30000}") long workerWaitMillis,
                                  @Value("${billing.remote.heartbeat-ms:3000}") long heartbeatMillis,
                                  @Value("${billing.worker.threads:2}") int threads) {
        if (!queue.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("billing.remote.queue must be letters, digits, '.', '_' or '-', got: " + queue);
        }
        if (heartbeatMillis * 2 > workerTimeoutMillis) {
            throw new IllegalArgumentException("billing.remote.worker-timeout-ms (" + workerTimeoutMillis + ") must be at"
                    + " least twice billing.remote.heartbeat-ms (" + heartbeatMillis + ")");
        }
        return new RemoteSettings(queue, Duration.ofMillis(pollMillis), Duration.ofMillis(workerTimeoutMillis),
                Duration.ofMillis(workerWaitMillis), Duration.ofMillis(heartbeatMillis), Math.max(1, threads));
    }

    /**
     * A durable direct exchange and queue named {@code billing.remote.queue}; a request a worker rejects goes to
     * the dead-letter exchange and its queue ({@code <queue>.dead}) instead of back into the queue.
     */
    @Bean
    Declarables sliceTopology(RemoteSettings s) {
        DirectExchange exchange = new DirectExchange(s.queue(), true, false);
        FanoutExchange deadLetters = new FanoutExchange(s.deadLetterExchange(), true, false);
        Queue queue = QueueBuilder.durable(s.queue()).deadLetterExchange(s.deadLetterExchange()).build();
        Queue dead = QueueBuilder.durable(s.deadLetterQueue()).build();
        return new Declarables(exchange, deadLetters, queue, dead,
                BindingBuilder.bind(queue).to(exchange).with(s.queue()), BindingBuilder.bind(dead).to(deadLetters));
    }

    /** Declares {@link #sliceTopology} whenever a connection opens; purges the queue for the manager. */
    @Bean
    RabbitAdmin sliceAdmin(ConnectionFactory cf) { return new RabbitAdmin(cf); }

    /** The bill step's partition handler in remote mode (NightlyBillingJobConfiguration picks it up). */
    @Bean
    PartitionHandler remoteBillPartitionHandler(JobRepository jobRepository, WorkerRegistry workers, AmqpTemplate amqp,
                                                RabbitAdmin admin, RemoteSettings s,
                                                @Value("${billing.bill.slices:2}") int slices) {
        return new RemoteSliceHandler(SLICE_STEP, slices, jobRepository, workers, amqp, admin, s);
    }

    @Bean
    WorkerPool workerPool(WorkerRegistry workers, RabbitAdmin admin, RemoteSettings s, JobRepository jobRepository) {
        return new WorkerPool(workers, admin, s, jobRepository);
    }

    /** In {@code bin/billing worker} only: the listener that runs slices, started once the worker is announced. */
    @Configuration(proxyBeanMethods = false)
    @Profile(RemoteWorker.PROFILE)
    @ConditionalOnProperty(name = RemoteSettings.MODE, havingValue = RemoteSettings.REMOTE) // scanned on its own too
    static class WorkerSide {
        @Bean
        SliceWorker sliceWorker(JobRepository jobRepository, WorkerRegistry registry,
                                @Qualifier("billSliceStep") Step billSliceStep, RemoteSettings s) {
            return new SliceWorker(jobRepository, registry, Map.of(SLICE_STEP, billSliceStep), s);
        }

        @Bean
        SimpleMessageListenerContainer sliceListener(ConnectionFactory cf, SliceWorker worker, RemoteSettings s) {
            SimpleMessageListenerContainer c = new SimpleMessageListenerContainer(cf);
            c.setQueueNames(s.queue());
            c.setMessageListener(worker);
            c.setConcurrentConsumers(s.threads());
            c.setPrefetchCount(1); // a slice not started stays in the queue for a free worker
            c.setAcknowledgeMode(AcknowledgeMode.AUTO); // acknowledged once the slice has ended
            c.setDefaultRequeueRejected(false); // a failure never requeues in a loop: it dead-letters
            c.setMissingQueuesFatal(false);
            ExponentialBackOff backOff = new ExponentialBackOff(1000, 2);
            backOff.setMaxInterval(30_000);
            c.setRecoveryBackOff(backOff); // broker gone: reconnect after 1, 2, 4 ... 30 s
            c.setShutdownTimeout(60_000); // a stopping worker lets its slices finish for up to a minute
            c.setAutoStartup(false); // RemoteWorker starts it after the first heartbeat
            return c;
        }
    }
}
