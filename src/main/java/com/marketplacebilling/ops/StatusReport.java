package com.marketplacebilling.ops;

import com.marketplacebilling.ledger.RunStatusStore;
import com.marketplacebilling.ledger.RunStatusStore.RunStatus;
import com.marketplacebilling.ledger.RunStatusStore.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code bin/billing status}: the recent business dates with their state, attempts, the last attempt's duration,
 * counts and the failing step's message; with {@code --date D}, also the steps of D's last attempt.
 */
@Component
public class StatusReport {
    private static final String ROW = "%-10s  %-11s  %3s  %-19s  %9s  %9s  %9s  %9s  %7s  %10s  %s%n";
    private final RunStatusStore store;
    private final Clock clock;

    public StatusReport(RunStatusStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Outcome render(LocalDate date, int last) {
        List<RunStatus> runs = store.recent(date, last, clock.instant());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, ROW, "date", "state", "try", "started (UTC)",
                "duration", "rows read", "accepted", "rejected", "lines", "exceptions", "message"));
        for (RunStatus r : runs) {
            String msg = r.message().length() > 120 ? r.message().substring(0, 120) + "..." : r.message();
            sb.append(String.format(Locale.ROOT, ROW, r.businessDate(), r.state(), r.attempts(),
                    r.startedAt().atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0), seconds(r.duration()),
                    r.rowsRead(), r.rowsAccepted(), r.rowsRejected(), r.lines(), r.exceptions(), msg));
        }
        if (runs.isEmpty()) sb.append("(no runs yet)\n");
        if (date != null && !runs.isEmpty()) {
            List<StepStatus> steps = store.steps(date);
            sb.append(String.format(Locale.ROOT, "%nsteps of the last attempt:%n%-22s %-10s %12s %12s %8s %9s%n",
                    "step", "status", "read", "written", "skipped", "duration"));
            for (StepStatus st : steps) {
                sb.append(String.format(Locale.ROOT, "%-22s %-10s %,12d %,12d %,8d %9s%n", st.step(), st.status(),
                        st.read(), st.written(), st.skipped(), seconds(st.duration())));
            }
            if (runs.get(0).state().unfinished()) {
                sb.append("\nresume with: bin/billing restart --date ").append(date)
                        .append("   (or give it up: bin/billing abandon --date ").append(date).append(")\n");
            }
        }
        return Outcome.ok(sb.toString().stripTrailing());
    }

    private static String seconds(Duration d) {
        if (d == null) return "-";
        return String.format(Locale.ROOT, "%d.%01ds", d.getSeconds(), d.toMillisPart() / 100);
    }
}
