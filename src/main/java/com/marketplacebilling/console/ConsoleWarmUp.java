package com.marketplacebilling.console;

import com.marketplacebilling.ledger.MonthsView;
import com.marketplacebilling.ledger.RunsView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the counts the runs and months pages keep (a million-line date takes a few hundred milliseconds to
 * count) in the background once the console is up, so the first visitor does not wait for them.
 */
@Component
@Profile(ConsoleProfile.NAME)
class ConsoleWarmUp {
    private static final Logger log = LoggerFactory.getLogger(ConsoleWarmUp.class);
    private final RunsView runs;
    private final MonthsView months;

    ConsoleWarmUp(RunsView runs, MonthsView months) {
        this.runs = runs;
        this.months = months;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread t = new Thread(() -> {
            try {
                runs.runs(RunsController.DEFAULT_RUNS);
                months.totals();
            } catch (RuntimeException e) {
                log.warn("console warm-up failed (the pages read the counts when first asked): {}", e.getMessage());
            }
        }, "console-warm-up");
        t.setDaemon(true);
        t.start();
    }
}
