package com.marketplacebilling.ops;

import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.ledger.BusinessRun;
import com.marketplacebilling.ledger.RunRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who may run which date (operations.md): the refusal rules of {@code run}, {@code restart} and {@code preview},
 * in one place and one wording. Each method returns the refusal, or null when the command may go ahead; the
 * caller holds the run lock, so the answer stays true while it works.
 */
@Component
public class RunAdmission {
    private final RunRegistry registry;

    public RunAdmission(RunRegistry registry) { this.registry = registry; }

    /** {@code run}: a new date in order, once its feeds are there, or the resumption of its unfinished run. */
    public Outcome refusalToRun(LocalDate date, Settings s) {
        BusinessRun existing = registry.find(date);
        Outcome refused = refusalForTheDate(date, existing, s);
        if (refused == null) refused = anotherDateUnfinished(date);
        if (refused == null && existing == null) refused = feedsNotArrived(date, s);
        return refused;
    }

    /** {@code restart}: only a date whose run started and neither completed nor was abandoned. */
    public Outcome refusalToRestart(LocalDate date, Settings s) {
        BusinessRun existing = registry.find(date);
        if (existing == null) {
            return Outcome.refused(date + " has no failed or stopped run to restart; use: bin/billing run --date " + date);
        }
        Outcome refused = refusalForTheDate(date, existing, s);
        return refused == null ? anotherDateUnfinished(date) : refused;
    }

    /** {@code preview}: a date the run would bill (what another date's state allows is the run's concern). */
    public Outcome refusalToPreview(LocalDate date, Settings s) {
        return refusalForTheDate(date, registry.find(date), s);
    }

    /** A completed or abandoned date never runs again; a new date never goes back before the last completed one. */
    private Outcome refusalForTheDate(LocalDate date, BusinessRun existing, Settings s) {
        if (existing != null && existing.completed()) {
            return Outcome.refused(date + " already completed at " + existing.completedAt() + "; its outputs are in "
                    + s.outbox().resolve(date.toString()));
        }
        if (existing != null && existing.status() == BusinessRun.Status.ABANDONED) {
            return Outcome.refused(date + " was abandoned and is never run again");
        }
        LocalDate last = registry.lastCompleted();
        if (existing == null && last != null && date.isBefore(last)) {
            return Outcome.refused("business dates move forward: " + date + " is before the last completed date "
                    + last + "; send late rows in the next date's feeds");
        }
        return null;
    }

    private Outcome anotherDateUnfinished(LocalDate date) {
        BusinessRun other = registry.unfinishedOtherThan(date);
        if (other == null) return null;
        return Outcome.refused(other.businessDate() + " has an unfinished run; bring it to completion first"
                + " (bin/billing restart --date " + other.businessDate() + ") or give it up (bin/billing"
                + " abandon --date " + other.businessDate() + ")");
    }

    /**
     * A date whose feed folder or one of its two files does not exist is not started: the feeds may simply not
     * have arrived yet, and a failed run would block every later date. (A file that exists but cannot be read or
     * lacks a column fails the run in checkFeeds: an operator must look.)
     */
    public static Outcome feedsNotArrived(LocalDate date, Settings s) {
        Path folder = s.inbox().resolve(date.toString());
        for (String name : List.of(SourceRef.COMMERCE_FILE, SourceRef.FULFILLMENT_FILE)) {
            Path file = folder.resolve(name);
            if (Files.exists(file)) continue;
            String what = Files.isDirectory(folder) ? file + " does not exist" : "the feed folder " + folder
                    + " does not exist";
            return Outcome.waitingForFeeds("waiting for feeds of " + date + ": " + what + ". Nothing was recorded and"
                    + " later dates are not blocked; deliver " + date + "'s " + SourceRef.COMMERCE_FILE + " and "
                    + SourceRef.FULFILLMENT_FILE + " into " + folder + ", then run: bin/billing run --date " + date);
        }
        return null;
    }

}
