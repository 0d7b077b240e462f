package com.marketplacebilling.batch.reconcile;

import java.nio.file.Path;
import java.time.YearMonth;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of a reconcile job execution, typed. The month and the run (a row of recon_run) identify a job
 * instance: a rerun with new files or a longer ledger is a new run, hence a new instance; a failed run is
 * restarted as the same instance with the same files. The folder read, the outbox and the rounding option's name
 * (recorded in the report's manifest) are recorded with it.
 */
public record ReconcileParameters(YearMonth month, long run, Path folder, Path outbox, String rounding) {
    static final String MONTH = "reconMonth";
    static final String RUN = "reconRun";
    static final String FOLDER = "reconFolder";
    static final String OUTBOX = "outbox";
    static final String ROUNDING = "rounding";

    /** The parameters that find a run's job executions. */
    public static JobParameters identifying(YearMonth month, long run) {
        return new JobParametersBuilder().addString(MONTH, month.toString(), true).addLong(RUN, run, true)
                .toJobParameters();
    }

    public JobParameters toJobParameters() {
        return new JobParametersBuilder(identifying(month, run))
                .addString(FOLDER, folder.toString(), false)
                .addString(OUTBOX, outbox.toString(), false)
                .addString(ROUNDING, rounding, false)
                .toJobParameters();
    }

    public static ReconcileParameters of(JobParameters p) {
        return new ReconcileParameters(YearMonth.parse(p.getString(MONTH)), p.getLong(RUN), Path.of(p.getString(FOLDER)),
                Path.of(p.getString(OUTBOX)), p.getString(ROUNDING));
    }
}
