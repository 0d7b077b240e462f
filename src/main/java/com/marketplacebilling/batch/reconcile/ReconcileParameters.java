package com.marketplacebilling.batch.reconcile;

/**
 * Job parameter names of the reconcile job. The month and the run (a row of recon_run) identify a job
 * instance: a rerun with new files or a longer ledger is a new run, hence a new instance; a failed run is
 * restarted as the same instance with the same files.
 */
public final class ReconcileParameters {
    public static final String MONTH = "reconMonth";
    public static final String RUN = "reconRun";
    public static final String FOLDER = "reconFolder";
    public static final String OUTBOX = "outbox";
    public static final String ROUNDING = "rounding";

    private ReconcileParameters() {}
}
