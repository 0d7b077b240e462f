package com.marketplacebilling.cli;

import com.marketplacebilling.ops.Outcome;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A long-running command ({@code schedule}, {@code console}) that stays up until the process is asked to stop
 * (SIGTERM, Ctrl-C), then closes its Spring context and, after it, the embedded database, before the JVM exits.
 */
public final class UntilStopped {
    private UntilStopped() {}

    /** What the command serves; it returns (closing what it opened) once {@code stopRequested} is released. */
    @FunctionalInterface
    public interface Service {
        void serve(CountDownLatch stopRequested) throws Exception;
    }

    /** {@code afterStop} (the embedded database, or null) is closed once the service has returned. */
    public static Outcome run(String name, Service service, AutoCloseable afterStop, PrintStream out) throws Exception {
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "billing-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try {
                service.serve(stopRequested);
            } finally {
                if (afterStop != null) afterStop.close();
            }
            // printed here: once the hook returns, the JVM halts without waiting for the caller
            out.println(name + " stopped");
            out.flush();
            return Outcome.ok("");
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException stopping) {
                // the JVM is shutting down: the hook is running and waits for us
            }
        }
    }
}
