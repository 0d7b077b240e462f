package com.marketplacebilling.remote;

import com.marketplacebilling.ledger.WorkerRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * What the manager asks of the workers outside the bill step: is any worker up (a remote run is refused
 * otherwise), and, before a run left unfinished is resumed, let the slices still in flight on live workers end.
 */
public class WorkerPool {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private final WorkerRegistry workers;
    private final RabbitAdmin admin;
    private final RemoteSettings settings;
    private final JobRepository repository;

    public WorkerPool(WorkerRegistry workers, RabbitAdmin admin, RemoteSettings settings, JobRepository repository) {
        this.repository = repository;
        this.workers = workers;
        this.admin = admin;
        this.settings = settings;
    }

    /** Null when a worker is up (waiting up to {@code workerWait} for one), else why the run cannot start. */
    public String missingWorkers() {
        try {
            requireWorkers(workers, settings);
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    static List<WorkerRegistry.Worker> requireWorkers(WorkerRegistry workers, RemoteSettings settings)
            throws IllegalStateException {
        long deadline = System.nanoTime() + settings.workerWait().toNanos();
        while (true) {
            List<WorkerRegistry.Worker> live = workers.live(settings.workerTimeout());
            if (!live.isEmpty()) return live;
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("no billing worker answered within " + settings.workerWait().toSeconds()
                        + " s (billing.partitioning=remote needs at least one: start bin/billing worker with the same"
                        + " database and RabbitMQ on one or more machines, or run with --billing.partitioning=local)");
            }
            try {
                Thread.sleep(Math.min(1000, settings.heartbeat().toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a billing worker");
            }
        }
    }

    /**
     * Before an unfinished run is recovered and resumed: no new slice of it may start (the queue is purged), and
     * the slices still running on live workers are let finish, so that the restart re-sends only what did not
     * complete and never runs one slice twice at once.
     */
    public void drain(JobExecution previous) throws InterruptedException {
        admin.initialize();
        admin.purgeQueue(settings.queue(), false);
        boolean said = false;
        while (true) {
            List<Long> running = repository.getJobExecution(previous.getId()).getStepExecutions().stream()
                    .filter(s -> s.getStatus().isRunning()).map(StepExecution::getId).toList();
            Set<String> live = workers.live(settings.workerTimeout()).stream().map(WorkerRegistry.Worker::id)
                    .collect(Collectors.toSet());
            long inFlight = workers.claims(running).values().stream().filter(live::contains).count();
            if (inFlight == 0) return;
            if (!said) {
                log.info("{} slice(s) of the unfinished run are still running on live workers: letting them finish",
                        inFlight);
                said = true;
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }
}
