package com.marketplacebilling.schedule;

import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.ops.NightlyRunner;
import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.Settings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a firing of the nightly schedule does: run every business date from the first one not yet settled up to
 * the firing's date, in order, each with {@link NightlyRunner#run}, stopping at the first that does not
 * complete. So dates missed while no scheduler was up are billed one by one, never skipped; a failed date is
 * resumed by the next firing.
 */
public class NightlyCatchUp {
    private static final Logger log = LoggerFactory.getLogger(NightlyCatchUp.class);
    private final NightlyRunner runner;
    private final RunRegistry runs;
    private final RunMetrics metrics;

    public NightlyCatchUp(NightlyRunner runner, RunRegistry runs, RunMetrics metrics) {
        this.runner = runner;
        this.runs = runs;
        this.metrics = metrics;
    }

    public record DateOutcome(LocalDate date, Outcome outcome) {}

    /** The outcomes of the dates run, in order; empty when {@code through} is settled already. */
    public List<DateOutcome> runThrough(LocalDate through, Settings settings) throws Exception {
        List<DateOutcome> done = new ArrayList<>();
        for (LocalDate d = firstUnsettled(through); !d.isAfter(through); d = d.plusDays(1)) {
            long start = System.nanoTime();
            Outcome o = runner.run(d, settings, false);
            metrics.recordRun(d, o, System.nanoTime() - start);
            log.info("{}: {}", d, o.message());
            done.add(new DateOutcome(d, o));
            if (o.exitCode() != 0) break;
        }
        return done;
    }

    /**
     * The day after the last completed or abandoned date; before any such date, the earliest unfinished one
     * (it blocks the others), else {@code through} alone: a fresh database does not go back in time.
     */
    LocalDate firstUnsettled(LocalDate through) {
        LocalDate settled = runs.lastSettled();
        if (settled != null) return settled.plusDays(1);
        LocalDate unfinished = runs.earliestStarted();
        return unfinished != null && unfinished.isBefore(through) ? unfinished : through;
    }
}
