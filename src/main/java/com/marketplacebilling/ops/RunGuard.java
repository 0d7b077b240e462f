package com.marketplacebilling.ops;

import com.marketplacebilling.ledger.BusinessRun;
import com.marketplacebilling.ledger.RunLock;
import com.marketplacebilling.ledger.RunRegistry;
import org.springframework.stereotype.Component;

/** Every command that changes or publishes billing data runs holding the database's run lock. */
@Component
public class RunGuard {
    private final RunRegistry registry;

    public RunGuard(RunRegistry registry) {
        this.registry = registry;
    }

    @FunctionalInterface
    public interface Work {
        Outcome run() throws Exception;
    }

    public Outcome exclusively(Work work) throws Exception {
        try (RunLock lock = registry.tryLock()) {
            if (lock == null) return alreadyRunning();
            return work.run();
        }
    }

    private Outcome alreadyRunning() {
        BusinessRun running = registry.latestStarted();
        String who = running == null ? "another process" : running.owner() + " (business date "
                + running.businessDate() + ")";
        return Outcome.refused("refused: a run is in progress on this database by " + who);
    }
}
