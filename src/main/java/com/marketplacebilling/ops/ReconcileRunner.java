package com.marketplacebilling.ops;

import com.marketplacebilling.batch.reconcile.MicrosoftFolder;
import com.marketplacebilling.batch.reconcile.ReconcileJobConfiguration;
import com.marketplacebilling.batch.reconcile.ReconcileParameters;
import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.ledger.BusinessRun;
import com.marketplacebilling.ledger.ReconciliationStore;
import com.marketplacebilling.ledger.RunRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * {@code bin/billing reconcile --month M [--recon-folder DIR]} on top of Spring Batch (docs/reconciliation.md,
 * D34): refused until the month is complete; a missing folder, a folder without CSV files or a missing
 * required column fails before anything is recorded; an unfinished run with the same files is restarted,
 * anything else is a new run (new files, a longer ledger, or simply again) that republishes.
 */
@Component
public class ReconcileRunner {
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final RunRegistry registry;
    private final ReconciliationStore store;
    private final RunGuard guard;
    private final NightlyRunner nightly;
    private final Clock clock;

    public ReconcileRunner(JobOperator jobOperator, JobRepository jobRepository, Job reconcileJob, RunRegistry registry,
                           ReconciliationStore store, RunGuard guard, NightlyRunner nightly, Clock clock) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = reconcileJob;
        this.registry = registry;
        this.store = store;
        this.guard = guard;
        this.nightly = nightly;
        this.clock = clock;
    }

    /** The folder of a month's files: {@code --recon-folder}, else {@code <inbox>/partner-center/<YYYY-MM>}. */
    public static Path folder(YearMonth month, Path reconFolder, Settings s) {
        return reconFolder != null ? reconFolder : s.inbox().resolve("partner-center").resolve(month.toString());
    }

    public Outcome reconcile(YearMonth month, Path reconFolder, Settings s) throws Exception {
        Path folder = folder(month, reconFolder, s).toAbsolutePath().normalize();
        return guard.exclusively(() -> {
            LocalDate last = registry.lastCompleted();
            if (last == null || last.isBefore(month.atEndOfMonth())) {
                return Outcome.refused(month + " is not complete: the last completed business date is "
                        + (last == null ? "none" : last) + "; reconcile needs every date up to " + month.atEndOfMonth()
                        + " completed (bin/billing run --date D)");
            }
            BusinessRun unfinished = registry.unfinishedOtherThan(LocalDate.MIN);
            if (unfinished != null) {
                return Outcome.refused(month + " is not complete: " + unfinished.businessDate() + " has an unfinished"
                        + " run (last completed business date " + last + "); bring it to completion first (bin/billing"
                        + " restart --date " + unfinished.businessDate() + ") or give it up (bin/billing abandon --date "
                        + unfinished.businessDate() + ")");
            }
            List<MicrosoftFolder.InputFile> files;
            try {
                files = MicrosoftFolder.inspect(folder);
            } catch (FeedFileException e) {
                return Outcome.failed(e.getMessage() + "\nNothing was recorded or published for " + month + ".");
            }
            ReconciliationStore.Run latest = store.latest(month);
            JobExecution previous = null;
            long run;
            if (latest != null && latest.unfinished() && latest.folder().equals(folder.toString())
                    && sameFiles(store.files(latest.runId()), files)) {
                run = latest.runId();
                previous = jobRepository.getLastJobExecution(ReconcileJobConfiguration.JOB_NAME, ReconcileParameters.identifying(month, run));
                store.resume(run, NightlyRunner.owner());
            } else {
                if (latest != null && latest.unfinished()) store.supersede(latest.runId());
                run = store.beginRun(month, folder.toString(), NightlyRunner.owner(), last, clock.instant(),
                        files.stream().map(f -> Map.entry(f.name(), f.sha256())).toList());
            }
            JobParameters params = new ReconcileParameters(month, run, folder, s.outbox(),
                    s.policy().rounding().optionName()).toJobParameters();
            JobExecution execution;
            if (previous == null) {
                execution = jobOperator.start(job, params);
            } else {
                if (previous.getStatus().isRunning()) previous = jobOperator.recover(previous); // we hold the lock
                if (nightly.leftUnfinished(previous)) previous = nightly.failUnfinished(previous);
                execution = jobOperator.restart(previous);
            }
            Path target = s.outbox().resolve(ReconcileJobConfiguration.folderName(month));
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                ReconciliationStore.Run done = store.find(run);
                return Outcome.ok(NightlyRunner.summary(execution) + month + " reconciled (run " + run + "): "
                        + done.microsoftRows() + " Microsoft rows (" + done.compared() + " compared, " + done.setAside()
                        + " set aside, " + done.malformed() + " malformed), " + done.matched() + " matched ("
                        + done.otherMonth() + " on another month's invoice), " + done.amountDiffers()
                        + " amounts differ, " + done.onlyMicrosoft() + " only Microsoft's, " + done.onlyOurs()
                        + " only ours; report in " + target);
            }
            String why = NightlyRunner.failure(execution);
            store.fail(run, why.replaceFirst("^: ", "").replaceFirst("^ in step ", "step "), clock.instant());
            return Outcome.failed(NightlyRunner.summary(execution) + month + " reconciliation FAILED" + why
                    + "\nNothing was published for " + month + ". Fix the cause, then run bin/billing reconcile --month "
                    + month + " again (the same files resume run " + run + ")");
        });
    }

    private static boolean sameFiles(List<ReconciliationStore.RunFile> recorded, List<MicrosoftFolder.InputFile> now) {
        return recorded.stream().map(f -> f.name() + " " + f.sha256()).toList()
                .equals(now.stream().map(f -> f.name() + " " + f.sha256()).toList());
    }

    /** {@code reconcile --history}: the runs of a month (all months when null), newest first, with their files. */
    public Outcome history(YearMonth month) {
        List<ReconciliationStore.Run> runs = store.history(month);
        if (runs.isEmpty()) return Outcome.ok("(no reconciliation runs" + (month == null ? "" : " of " + month) + " yet)");
        String row = "%-5s  %-7s  %-10s  %-19s  %-10s  %8s  %8s  %8s  %8s  %8s  %8s  %8s  %8s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, row, "run", "month", "status", "started (UTC)",
                "ledger to", "ms rows", "set asd", "malform", "matched", "oth.mon", "differ", "only ms", "only our"));
        for (ReconciliationStore.Run r : runs) {
            sb.append(String.format(Locale.ROOT, row, r.runId(), r.month(), r.status(),
                    r.startedAt().atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0),
                    r.lastCompletedDate() == null ? "-" : r.lastCompletedDate(), n(r.microsoftRows()), n(r.setAside()),
                    n(r.malformed()), n(r.matched()), n(r.otherMonth()), n(r.amountDiffers()), n(r.onlyMicrosoft()),
                    n(r.onlyOurs())));
            sb.append("       folder ").append(r.folder()).append('\n');
            for (ReconciliationStore.RunFile f : store.files(r.runId())) {
                sb.append("       ").append(f.sha256()).append("  ").append(f.name())
                        .append(f.rows() == null ? "" : "  " + f.rows() + " rows").append('\n');
            }
            if (r.message() != null) sb.append("       ").append(r.message()).append('\n');
        }
        return Outcome.ok(sb.toString().stripTrailing());
    }

    private static String n(Long v) { return v == null ? "-" : v.toString(); }
}
