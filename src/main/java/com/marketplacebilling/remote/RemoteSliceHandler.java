package com.marketplacebilling.remote;

import com.marketplacebilling.ledger.WorkerRegistry;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The manager's side of a remote bill step: sends one request per slice to the queue and waits by polling the job
 * repository (never a reply queue: what a slice did is in the database, so a restarted manager reads it too).
 *
 * <p>A slice is running while its step execution is STARTING or STARTED. The manager tells three kinds apart by
 * the slice claims and the workers' heartbeats: queued (no claim yet: waits for a free worker), in flight (claimed
 * by a live worker) and lost (claimed by a worker whose heartbeat stopped: it was killed or cut off mid-slice).
 * When a slice is lost, or no worker at all is left for {@code workerTimeout}, the manager purges the queue (no new
 * slice starts), waits for the slices in flight to finish, marks the lost and queued ones FAILED and fails the
 * step; {@code bin/billing restart} then re-sends only the slices that did not complete.
 */
public class RemoteSliceHandler extends AbstractPartitionHandler {
    private static final Logger log = LoggerFactory.getLogger(RemoteSliceHandler.class);
    private final String stepName;
    private final JobRepository jobRepository;
    private final WorkerRegistry workers;
    private final AmqpTemplate amqp;
    private final RabbitAdmin admin;
    private final RemoteSettings settings;

    public RemoteSliceHandler(String stepName, int gridSize, JobRepository jobRepository, WorkerRegistry workers,
                              AmqpTemplate amqp, RabbitAdmin admin, RemoteSettings settings) {
        this.stepName = stepName;
        this.jobRepository = jobRepository;
        this.workers = workers;
        this.amqp = amqp;
        this.admin = admin;
        this.settings = settings;
        setGridSize(gridSize);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> slices) throws Exception {
        if (slices.isEmpty()) return slices;
        // requests left by an earlier attempt of this run are stale: their slices are re-sent below, or done
        purge();
        WorkerPool.requireWorkers(workers, settings);
        String database = workers.database();
        for (StepExecution s : slices) {
            amqp.send(settings.queue(), settings.queue(), MessageBuilder
                    .withBody(new SliceRequest(stepName, s.getJobExecutionId(), s.getId(), database).body())
                    .setContentType("text/plain").setDeliveryMode(MessageDeliveryMode.PERSISTENT).build());
        }
        log.info("sent {} slices to queue {}; waiting for the workers (reading the job repository every {} ms)",
                slices.size(), settings.queue(), settings.pollInterval().toMillis());
        Set<Long> ids = slices.stream().map(StepExecution::getId).collect(Collectors.toSet());
        long noWorkerSince = -1;
        String givingUp = null;
        while (true) {
            Thread.sleep(settings.pollInterval().toMillis());
            Map<Long, StepExecution> now = reload(manager.getJobExecutionId(), ids);
            List<StepExecution> running = now.values().stream().filter(s -> s.getStatus().isRunning()).toList();
            if (running.isEmpty()) return finished(slices, now, givingUp);
            Set<String> live = workers.live(settings.workerTimeout()).stream().map(WorkerRegistry.Worker::id)
                    .collect(Collectors.toSet());
            Map<Long, String> claims = workers.claims(running.stream().map(StepExecution::getId).toList());
            List<StepExecution> lost = new ArrayList<>();
            boolean inFlight = false;
            for (StepExecution s : running) {
                String w = claims.get(s.getId());
                if (w != null && live.contains(w)) inFlight = true;
                else if (w != null) lost.add(s);
            }
            if (live.isEmpty()) {
                if (noWorkerSince < 0) noWorkerSince = System.nanoTime();
            } else {
                noWorkerSince = -1;
            }
            if (givingUp == null && !lost.isEmpty()) {
                givingUp = lost.stream().map(s -> s.getStepName() + " (worker " + claims.get(s.getId()) + ")")
                        .collect(Collectors.joining(", ")) + " lost its worker: no heartbeat for "
                        + settings.workerTimeout().toSeconds() + " s (killed, or cut off from the database)";
                log.warn("{}; no further slice starts, waiting for the slices in flight to finish", givingUp);
                purge();
            }
            if (givingUp == null && noWorkerSince >= 0
                    && System.nanoTime() - noWorkerSince > settings.workerTimeout().toNanos()) {
                givingUp = "no billing worker has been up for " + settings.workerTimeout().toSeconds() + " s while "
                        + running.size() + " slice(s) were unfinished";
                purge();
            }
            if (givingUp != null && !inFlight) {
                failUnfinished(running, claims, live);
                copyInto(slices, reload(manager.getJobExecutionId(), ids));
                throw new IllegalStateException(givingUp + ". Start workers (bin/billing worker), then resume: the"
                        + " restart runs only the slices that did not complete");
            }
        }
    }

    /** All slices ended: a slice that failed on its worker fails the step with its own message. */
    private Set<StepExecution> finished(Set<StepExecution> sent, Map<Long, StepExecution> slices, String givingUp) {
        copyInto(sent, slices);
        for (StepExecution s : slices.values()) {
            if (s.getStatus() != BatchStatus.COMPLETED) {
                String why = s.getExitStatus().getExitDescription();
                throw new IllegalStateException(s.getStepName() + " " + s.getStatus() + " on its worker"
                        + (why == null || why.isBlank() ? "" : ": " + why.lines().findFirst().orElse(""))
                        + (givingUp == null ? "" : "; " + givingUp));
            }
        }
        return sent;
    }

    /**
     * What the workers stored, copied into the manager's own step executions of the slices (the ones its job
     * execution lists: its summary and failure message read them).
     */
    private static void copyInto(Set<StepExecution> sent, Map<Long, StepExecution> stored) {
        for (StepExecution mine : sent) {
            StepExecution s = stored.get(mine.getId());
            if (s == null) continue;
            mine.setStatus(s.getStatus());
            mine.setExitStatus(s.getExitStatus());
            mine.setStartTime(s.getStartTime());
            mine.setEndTime(s.getEndTime());
            mine.setReadCount(s.getReadCount());
            mine.setWriteCount(s.getWriteCount());
            mine.setFilterCount(s.getFilterCount());
            mine.setCommitCount(s.getCommitCount());
            mine.setRollbackCount(s.getRollbackCount());
            mine.setReadSkipCount(s.getReadSkipCount());
            mine.setProcessSkipCount(s.getProcessSkipCount());
            mine.setWriteSkipCount(s.getWriteSkipCount());
            mine.setVersion(s.getVersion());
            mine.setLastUpdated(s.getLastUpdated());
        }
    }

    private void failUnfinished(List<StepExecution> running, Map<Long, String> claims, Set<String> live) {
        LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
        for (StepExecution s : running) {
            String w = claims.get(s.getId());
            if (w != null && live.contains(w)) continue;
            String why = w == null ? "not run: the bill step gave up before a worker took it"
                    : "lost with its worker " + w + "; a restart resumes it from its last committed chunk";
            s.setStatus(BatchStatus.FAILED);
            s.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
            if (s.getEndTime() == null) s.setEndTime(now);
            jobRepository.update(s);
        }
    }

    private Map<Long, StepExecution> reload(long jobExecutionId, Set<Long> ids) {
        Map<Long, StepExecution> m = new LinkedHashMap<>();
        for (Long id : ids) m.put(id, jobRepository.getStepExecution(jobExecutionId, id));
        return m;
    }

    private void purge() {
        admin.initialize(); // declares the exchanges and queues if the broker lost them
        admin.purgeQueue(settings.queue(), false);
    }
}
