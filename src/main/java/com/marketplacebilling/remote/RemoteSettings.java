package com.marketplacebilling.remote;

import java.time.Duration;

/**
 * Remote partitioning's settings ({@code billing.remote.*}), the same on the manager and its workers.
 *
 * @param queue          the durable queue (and the direct exchange routing to it) that carries slice requests;
 *                       one per database: the manager purges it when a run starts or gives up
 * @param pollInterval   how often the manager reads the job repository while slices run
 * @param workerTimeout  a worker not heard from for this long is gone: its slices are lost
 * @param workerWait     how long a remote run waits for a first worker before it is refused
 * @param heartbeat      how often a worker writes its heartbeat
 * @param threads        slices one worker runs at once ({@code billing.worker.threads})
 */
public record RemoteSettings(String queue, Duration pollInterval, Duration workerTimeout, Duration workerWait,
                             Duration heartbeat, int threads) {
    /** {@code local} (the default: threads of one process) or {@code remote} (workers over RabbitMQ). */
    public static final String MODE = "billing.partitioning";
    public static final String REMOTE = "remote";

    public String deadLetterExchange() { return queue + ".dlx"; }

    /** Where a request no worker could read ends (never requeued in a loop). */
    public String deadLetterQueue() { return queue + ".dead"; }
}
