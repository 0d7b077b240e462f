package com.marketplacebilling.remote;

import com.marketplacebilling.ledger.WorkerRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;

/**
 * A worker's side: takes slice requests from the queue and runs each with the same step definition a local run
 * uses (the bill step's {@code billSlice}), against the shared database; and writes a heartbeat every few seconds.
 *
 * <p>A slice runs at most once per attempt: the worker runs only a slice that is STARTING (sent, never started)
 * and of a run that is still going, and only after claiming it in the database (one claim per slice wins). Any
 * other request (a redelivery after a crash or a lost connection, a request left from an earlier attempt) is
 * acknowledged and dropped with a log line: the manager, not the broker, decides what runs again.
 */
public class SliceWorker implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(SliceWorker.class);
    private final JobRepository jobRepository;
    private final WorkerRegistry registry;
    private final Map<String, Step> steps;
    private final RemoteSettings settings;
    private final String id;
    private final String host;
    private ScheduledExecutorService heartbeat;
    private volatile boolean unreachable;
    private volatile String database;

    public SliceWorker(JobRepository jobRepository, WorkerRegistry registry, Map<String, Step> steps,
                       RemoteSettings settings) {
        this.jobRepository = jobRepository;
        this.registry = registry;
        this.steps = steps;
        this.settings = settings;
        this.host = hostName();
        this.id = "pid " + ProcessHandle.current().pid() + " on " + host + " #"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() { return id; }

    /** Announces this worker now and every {@code heartbeat} from then on (a failed beat is logged, then retried). */
    public void startHeartbeat() {
        registry.forgetSilent(Duration.ofDays(1));
        registry.beat(id, host, ProcessHandle.current().pid(), settings.threads());
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long ms = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            registry.beat(id, host, ProcessHandle.current().pid(), settings.threads());
            if (unreachable) log.warn("worker {}: the database answers again", id);
            unreachable = false;
        } catch (RuntimeException e) {
            if (!unreachable) {
                log.warn("worker {}: cannot write its heartbeat to the database ({}); retrying every {} ms. After {} s"
                        + " the manager counts this worker's slices as lost", id, rootMessage(e),
                        settings.heartbeat().toMillis(), settings.workerTimeout().toSeconds());
            }
            unreachable = true;
        }
    }

    /** Stops the heartbeat and leaves the worker table (once the container has finished its slices). */
    public void stop() {
        if (heartbeat != null) heartbeat.shutdownNow();
        try {
            registry.leave(id);
        } catch (RuntimeException e) {
            log.warn("worker {}: could not remove its heartbeat ({}); it expires by itself", id, rootMessage(e));
        }
    }

    @Override
    public void onMessage(Message message) {
        SliceRequest request;
        try {
            request = SliceRequest.parse(message.getBody());
        } catch (IllegalArgumentException e) {
            // to the dead-letter queue, never back into the queue (a message no worker can read would spin)
            throw new AmqpRejectAndDontRequeueException(e.getMessage() + " (moved to " + settings.deadLetterQueue() + ")");
        }
        Step step = steps.get(request.stepName());
        if (step == null) {
            throw new AmqpRejectAndDontRequeueException("this worker has no step " + request.stepName()
                    + " (moved to " + settings.deadLetterQueue() + ")");
        }
        StepExecution slice;
        try {
            if (database == null) database = registry.database();
            if (!database.equals(request.database())) {
                log.warn("dropped a request for {} of database {}: this worker bills database {} (give each database"
                        + " its own billing.remote.queue)", request.stepName(), request.database(), database);
                return;
            }
            slice = jobRepository.getStepExecution(request.jobExecutionId(), request.stepExecutionId());
            if (slice != null && !takeable(slice)) return;
            if (slice != null && !registry.claim(slice.getId(), id)) {
                log.info("dropped a request for {} (step execution {}): another worker took it", slice.getStepName(),
                        slice.getId());
                return;
            }
        } catch (DataAccessException e) {
            long backoff = settings.heartbeat().toMillis();
            log.warn("worker {}: cannot reach the database ({}); the request goes back to the queue in {} ms", id,
                    rootMessage(e), backoff);
            sleep(backoff);
            throw new ImmediateRequeueAmqpException("database unreachable", e);
        }
        if (slice == null) {
            log.warn("dropped a request for step execution {}: the database has no such slice (is this worker"
                    + " connected to the manager's database?)", request.stepExecutionId());
            return;
        }
        run(step, slice);
    }

    private boolean takeable(StepExecution slice) {
        BatchStatus run = slice.getJobExecution().getStatus();
        if (run != BatchStatus.STARTED && run != BatchStatus.STARTING) {
            log.info("dropped a request for {} (step execution {}): its run is {}", slice.getStepName(), slice.getId(), run);
            return false;
        }
        if (slice.getStatus() != BatchStatus.STARTING) {
            log.info("dropped a request for {} (step execution {}): the slice is already {}", slice.getStepName(),
                    slice.getId(), slice.getStatus());
            return false;
        }
        return true;
    }

    private void run(Step step, StepExecution slice) {
        long t0 = System.nanoTime();
        log.info("worker {}: {} (step execution {}) started", id, slice.getStepName(), slice.getId());
        try {
            step.execute(slice);
        } catch (JobInterruptedException e) {
            slice.setStatus(BatchStatus.STOPPED);
            jobRepository.update(slice);
        } catch (Throwable e) {
            slice.addFailureException(e);
            slice.setStatus(BatchStatus.FAILED);
            try {
                jobRepository.update(slice);
            } catch (RuntimeException again) {
                log.warn("worker {}: {} failed and its state could not be stored ({})", id, slice.getStepName(),
                        rootMessage(again));
            }
        }
        log.info("worker {}: {} {}: {} read, {} written in {} ms", id, slice.getStepName(), slice.getStatus(),
                slice.getReadCount(), slice.getWriteCount(), Duration.ofNanos(System.nanoTime() - t0).toMillis());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().strip();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
