package com.marketplacebilling.ops;

import static com.marketplacebilling.batch.JobParameterNames.INBOX;
import static com.marketplacebilling.batch.JobParameterNames.LEGACY_UNTIL;
import static com.marketplacebilling.batch.JobParameterNames.OUTBOX;
import static com.marketplacebilling.batch.JobParameterNames.ROUNDING;

import com.marketplacebilling.batch.NightlyBillingJobConfiguration;
import com.marketplacebilling.batch.RunParameters;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.ledger.BusinessRun;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.remote.WorkerPool;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The run semantics of operations.md on top of Spring Batch: who may run which date, and how. */
@Component
public class NightlyRunner {
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final RunRegistry registry;
    private final RunGuard guard;
    private final RunAdmission admission;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** The remote workers, with billing.partitioning=remote only. */
    private final ObjectProvider<WorkerPool> remoteWorkers;

    public NightlyRunner(JobOperator jobOperator, JobRepository jobRepository, Job nightlyBillingJob,
                         RunRegistry registry, RunGuard guard, RunAdmission admission, TransactionTemplate tx,
                         Clock clock, ObjectProvider<WorkerPool> remoteWorkers) {
        this.remoteWorkers = remoteWorkers;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = nightlyBillingJob;
        this.registry = registry;
        this.guard = guard;
        this.admission = admission;
        this.tx = tx;
        this.clock = clock;
    }

    /** {@code run --date D}: starts a new date, or resumes its unfinished run (refused: see {@link RunAdmission}). */
    public Outcome run(LocalDate date, Settings s) throws Exception {
        return guard.exclusively(() -> {
            Outcome refused = admission.refusalToRun(date, s);
            return refused != null ? refused : launch(date, s);
        });
    }

    /** {@code restart --date D}: resumes the date's failed or stopped run, never starts a new one. */
    public Outcome restart(LocalDate date, Settings s) throws Exception {
        return guard.exclusively(() -> {
            Outcome refused = admission.refusalToRestart(date, s);
            return refused != null ? refused : launch(date, s);
        });
    }

    /** Starts the job for an admitted date, or restarts its last execution; the caller holds the run lock. */
    private Outcome launch(LocalDate date, Settings s) throws Exception {
        WorkerPool workers = remoteWorkers.getIfAvailable();
        if (workers != null) {
            // a remote run with nobody to bill its slices would only wait and fail: refuse it before it starts
            String none = workers.missingWorkers();
            if (none != null) return Outcome.failed("refused: " + none + "; nothing was recorded for " + date);
        }
        JobParameters params = new RunParameters(date, s.inbox(), s.outbox(), s.policy()).toJobParameters();
        JobExecution previous = jobRepository.getLastJobExecution(NightlyBillingJobConfiguration.JOB_NAME, params);
        if (previous != null) {
            String diff = differences(previous.getJobParameters(), params);
            if (!diff.isEmpty()) {
                return Outcome.refused(date + " was started with other options (" + diff + "); restart it with"
                        + " the same options");
            }
        }
        registry.begin(date, s.policy(), owner(), clock.instant());
        JobExecution execution;
        if (previous == null) {
            execution = jobOperator.start(job, params);
        } else {
            if (workers != null) {
                // slices of the unfinished attempt may still run on live workers (its manager was killed):
                // let them end, and start no more of them, before their state is recovered
                workers.drain(previous);
            }
            if (previous.getStatus().isRunning()) {
                // we hold the run lock, so the process that left it STARTED is gone
                previous = jobOperator.recover(previous);
            }
            if (leftUnfinished(previous)) {
                // a lost connection can leave the job or one of its steps UNKNOWN or STARTED even though
                // the run is over; the launcher would refuse to restart it ("already running")
                previous = failUnfinished(previous);
            }
            execution = jobOperator.restart(previous);
        }
        return outcome(date, s, execution);
    }

    public boolean completed(LocalDate date) {
        BusinessRun r = registry.find(date);
        return r != null && r.completed();
    }

    /**
     * Batch marks an execution UNKNOWN when the database connection died while a chunk was committing, and
     * refuses to restart it. Here that is safe: a chunk's rows and the step's saved position are committed in
     * one PostgreSQL transaction (all or nothing), every ledger write is idempotent, and outputs are published
     * only as a whole; so the execution is marked FAILED and resumed from the last committed chunk. (The
     * reconcile job's steps are idempotent wholes, so the same holds for it: ReconcileRunner.)
     */
    boolean leftUnfinished(JobExecution previous) {
        JobExecution e = jobRepository.getJobExecution(previous.getId());
        if (e.getStatus() == BatchStatus.UNKNOWN) return true;
        for (StepExecution st : e.getStepExecutions()) {
            if (st.getStatus() == BatchStatus.UNKNOWN || st.getStatus().isRunning()) return true;
        }
        return false;
    }

    JobExecution failUnfinished(JobExecution previous) {
        JobExecution e = jobRepository.getJobExecution(previous.getId());
        LocalDateTime now = LocalDateTime.now(clock);
        for (StepExecution st : e.getStepExecutions()) {
            if (st.getStatus() == BatchStatus.UNKNOWN || st.getStatus().isRunning()) {
                st.setStatus(BatchStatus.FAILED);
                st.setExitStatus(ExitStatus.FAILED.addExitDescription("outcome unknown (connection lost); resumed"
                        + " from the last committed chunk"));
                if (st.getEndTime() == null) st.setEndTime(now);
                jobRepository.update(st);
            }
        }
        e.setStatus(BatchStatus.FAILED);
        e.setExitStatus(ExitStatus.FAILED.addExitDescription("outcome unknown (connection lost)"));
        if (e.getEndTime() == null) e.setEndTime(now);
        jobRepository.update(e);
        return e;
    }

    private Outcome outcome(LocalDate date, Settings s, JobExecution e) {
        if (e.getStatus() == BatchStatus.COMPLETED) {
            RunRegistry.Outcomes stored = registry.outcomes(date);
            return Outcome.ok(summary(e) + date + " completed: " + stored.lines() + " invoice lines, " + stored.exceptions()
                    + " exceptions; outputs in " + s.outbox().resolve(date.toString()));
        }
        return Outcome.failed(summary(e) + date + " FAILED" + failure(e) + "\nNothing was published for " + date
                + ". Fix the cause, then resume with: bin/billing restart --date " + date);
    }

    /** One row per step of this execution: status, items, duration and rate. */
    static String summary(JobExecution e) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %-10s %12s %12s %10s %12s%n",
                "step", "status", "read", "written", "seconds", "items/s"));
        for (StepExecution st : e.getStepExecutions()) {
            double seconds = st.getStartTime() == null || st.getEndTime() == null ? 0
                    : Duration.between(st.getStartTime(), st.getEndTime()).toMillis() / 1000.0;
            sb.append(String.format(Locale.ROOT, "%-16s %-10s %,12d %,12d %10.1f %,12.0f%n", st.getStepName(),
                    st.getStatus(), st.getReadCount(), st.getWriteCount(), seconds,
                    seconds > 0 ? st.getReadCount() / seconds : 0.0));
        }
        return sb.toString();
    }

    /** The failed step and the root cause, in one line an operator can act on. */
    static String failure(JobExecution e) {
        for (StepExecution st : e.getStepExecutions()) {
            if (st.getStatus() == BatchStatus.FAILED && !st.getFailureExceptions().isEmpty()) {
                return " in step " + st.getStepName() + ": " + rootMessage(st.getFailureExceptions().get(0));
            }
        }
        return e.getAllFailureExceptions().isEmpty() ? "" : ": " + rootMessage(e.getAllFailureExceptions().get(0));
    }

    public static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            // a feed problem's own message names the file and the fix; its cause ("Is a directory") does not
            if (c instanceof FeedFileException) break;
            c = c.getCause();
        }
        String m = c.getMessage();
        m = (m == null ? c.getClass().getSimpleName() : m).strip();
        return lostConnection(t) ? "lost the database connection (" + m + ")" : m;
    }

    /**
     * True when the failure is the database going away: SQLState class 08 (connection exception) or 57P
     * (operator intervention: terminated, shutting down), or the pool's "Connection is closed".
     */
    static boolean lostConnection(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) return true;
            if (c.getMessage() != null && c.getMessage().contains("Connection is closed")) return true;
        }
        return false;
    }

    public Outcome abandon(LocalDate date) throws Exception {
        return guard.exclusively(() -> {
            BusinessRun run = registry.find(date);
            if (run == null || run.status() != BusinessRun.Status.STARTED) {
                return Outcome.refused(date + " has no unfinished run to abandon");
            }
            JobExecution last = jobRepository.getLastJobExecution(NightlyBillingJobConfiguration.JOB_NAME,
                    RunParameters.identifying(date));
            if (last != null) {
                if (last.getStatus().isRunning()) last = jobOperator.recover(last);
                jobOperator.abandon(last);
            }
            // nothing of an abandoned date was published: forget its facts and outcomes with it
            tx.executeWithoutResult(st -> registry.abandon(date));
            return Outcome.ok(date + " abandoned: its stored rows were removed and later dates may run; send its"
                    + " feeds' rows again in the next date's feeds");
        });
    }

    private static String differences(JobParameters before, JobParameters now) {
        List<String> diff = new ArrayList<>();
        for (String name : List.of(INBOX, OUTBOX, ROUNDING, LEGACY_UNTIL)) {
            Object a = before.getParameter(name) == null ? null : before.getParameter(name).value();
            Object b = now.getParameter(name) == null ? null : now.getParameter(name).value();
            if (!Objects.equals(a, b)) diff.add(name + " was " + a + ", now " + b);
        }
        return String.join("; ", diff);
    }

    static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host;
    }

}
