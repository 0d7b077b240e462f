package com.marketplacebilling.remote;

import com.marketplacebilling.BillingApplication;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/billing worker}: a stateless process that runs the bill step's slices sent by remote runs. It holds
 * no state of its own (everything is in the shared PostgreSQL), so any number can run, on any machines, and
 * each can be stopped or killed at any time. A database or broker that cannot be reached at start is reported
 * and retried with a growing pause (1 s, 2 s, 4 s ... 60 s) until it answers or the worker is stopped.
 */
public final class RemoteWorker {
    public static final String PROFILE = "worker";
    private static final long MAX_PAUSE_MS = 60_000;
    private static final String POOL = "spring.datasource.hikari.maximum-pool-size";
    private static final String THREADS = "billing.worker.threads";

    private RemoteWorker() {}

    /** Serves until {@code stopRequested} is released; then lets running slices finish (up to a minute). */
    public static void serve(Map<String, Object> defaults, String[] springArgs, PrintStream out,
                             CountDownLatch stopRequested) throws Exception {
        // a worker is remote by definition (an option given twice would read "remote,remote")
        Stream<String> extra = Stream.of("--" + RemoteSettings.MODE + "=" + RemoteSettings.REMOTE);
        if (Arrays.stream(springArgs).noneMatch(a -> a.startsWith("--" + POOL + "="))) {
            // each slice thread holds a connection or two (chunk transaction, reader), plus the heartbeat
            extra = Stream.concat(extra, Stream.of("--" + POOL + "=" + (2 * threads(springArgs) + 2)));
        }
        String[] args = Stream.concat(Arrays.stream(springArgs).filter(a -> !a.startsWith("--" + RemoteSettings.MODE + "=")),
                extra).toArray(String[]::new);
        long pause = 1000;
        while (true) {
            ConfigurableApplicationContext ctx;
            try {
                ctx = new SpringApplicationBuilder(BillingApplication.class).profiles(PROFILE).properties(defaults)
                        .logStartupInfo(false).registerShutdownHook(false).run(args);
            } catch (Exception e) {
                if (!unreachable(e)) throw e; // a configuration error: retrying would not help
                out.println("worker: cannot start: " + SliceWorker.rootMessage(e) + " (is the database up and"
                        + " reachable?); retrying in " + pause / 1000 + " s");
                out.flush();
                if (stopRequested.await(pause, TimeUnit.MILLISECONDS)) return;
                pause = Math.min(MAX_PAUSE_MS, pause * 2);
                continue;
            }
            try (ctx) {
                serve(ctx, out, stopRequested);
                return;
            }
        }
    }

    private static void serve(ConfigurableApplicationContext ctx, PrintStream out, CountDownLatch stopRequested)
            throws Exception {
        RemoteSettings settings = ctx.getBean(RemoteSettings.class);
        ConnectionFactory cf = ctx.getBean(ConnectionFactory.class);
        long pause = 1000;
        while (!brokerAnswers(cf, out, pause)) {
            if (stopRequested.await(pause, TimeUnit.MILLISECONDS)) return;
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
        }
        SliceWorker worker = ctx.getBean(SliceWorker.class);
        SimpleMessageListenerContainer listener = ctx.getBean(SimpleMessageListenerContainer.class);
        worker.startHeartbeat();
        listener.start();
        out.println("worker " + worker.id() + " started: " + settings.threads() + " slice(s) at once from queue "
                + settings.queue() + " on " + cf.getHost() + ":" + cf.getPort() + "; stop with SIGTERM or Ctrl-C");
        out.flush();
        try {
            stopRequested.await();
        } finally {
            listener.stop(); // waits for the slices in flight (shutdown timeout)
            worker.stop();
        }
    }

    /** {@code --billing.worker.threads=N}, else BILLING_WORKER_THREADS, else 2. */
    static int threads(String[] springArgs) {
        String v = Arrays.stream(springArgs).filter(a -> a.startsWith("--" + THREADS + "="))
                .map(a -> a.substring(THREADS.length() + 3)).reduce((a, b) -> b)
                .orElse(System.getenv().getOrDefault("BILLING_WORKER_THREADS", "2"));
        try {
            return Math.max(1, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS + " must be a whole number, got: " + v);
        }
    }

    /** True when the failure is a database or broker that cannot be reached (worth retrying). */
    static boolean unreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof SQLTransientConnectionException) return true;
            if (c instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) return true;
            if (c.getClass().getName().endsWith("PoolInitializationException")) return true;
        }
        return false;
    }

    private static boolean brokerAnswers(ConnectionFactory cf, PrintStream out, long pause) {
        try (Connection c = cf.createConnection()) {
            return c.isOpen();
        } catch (Exception e) {
            out.println("worker: cannot reach RabbitMQ at " + cf.getHost() + ":" + cf.getPort() + " ("
                    + SliceWorker.rootMessage(e) + "); retrying in " + pause / 1000 + " s");
            out.flush();
            return false;
        }
    }
}
