package com.marketplacebilling.console;

import com.marketplacebilling.ledger.AuditStore;
import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.RunGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Runs the operator's actions in the background, one at a time per console, through the CLI's own code
 * ({@code NightlyRunner}, {@code LedgerCommands}), which takes the database's run lock: a CLI run and a
 * console action cannot both change the ledger. Each action is audited when asked for and when it ends.
 */
@Component
@Profile(ConsoleProfile.NAME)
public class ConsoleActions implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ConsoleActions.class);

    /** What an action did, in the CLI's exit-code meaning (0 done, 1 failed, 3 refused). */
    public record Result(String user, String action, String target, Instant startedAt, Instant endedAt, int exitCode,
                         String message) {
        public String outcome() {
            return switch (exitCode) {
                case 0 -> "OK";
                case 3 -> "REFUSED";
                case -1 -> "RUNNING";
                default -> "FAILED";
            };
        }
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-action");
        t.setDaemon(true);
        return t;
    });
    private final AuditStore audit;
    private final Clock clock;
    private final Deque<Result> recent = new ArrayDeque<>();
    private volatile Result current;

    public ConsoleActions(AuditStore audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Starts the action unless another console action is still running; returns what was started or why not.
     * The work's outcome is audited and kept for the runs page.
     */
    public synchronized Result submit(String user, String action, String target, RunGuard.Work work) {
        Instant now = clock.instant();
        if (current != null) {
            Result refused = new Result(user, action, target, now, now, 3, "refused: " + current.action() + " "
                    + current.target() + " (by " + current.user() + ") is still running in this console");
            audit.record(now, user, action, target, "REFUSED", refused.message());
            return refused;
        }
        Result started = new Result(user, action, target, now, null, -1, "started");
        current = started;
        audit.record(now, user, action, target, "STARTED", "");
        executor.execute(() -> {
            Outcome o;
            try {
                o = work.run();
            } catch (Exception | Error e) {
                log.error("console action {} {} failed", action, target, e);
                o = Outcome.failed("failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            Result done = new Result(user, action, target, now, clock.instant(), o.exitCode(), o.message());
            audit.record(done.endedAt(), user, action, target, done.outcome(), o.message());
            synchronized (this) {
                recent.addFirst(done);
                while (recent.size() > 20) recent.removeLast();
                current = null;
            }
        });
        return started;
    }

    /** The action running now, or null. */
    public Result current() { return current; }

    public synchronized List<Result> recent() { return new ArrayList<>(recent); }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        // a run holds the lock on its own connection: let it finish its chunk rather than cut it off
        executor.awaitTermination(60, TimeUnit.SECONDS);
    }
}
