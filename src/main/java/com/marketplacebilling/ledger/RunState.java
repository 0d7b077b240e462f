package com.marketplacebilling.ledger;

/** What a business date's run is now, as an operator needs to know it (status, console, health). */
public enum RunState {
    /** Its process holds the run lock and is working. */
    RUNNING,
    COMPLETED,
    /** A step failed; {@code bin/billing restart --date D} resumes it. Later dates wait. */
    FAILED,
    /** Stopped on request; restart resumes it. Later dates wait. */
    STOPPED,
    /** Its process died (kill -9, power loss) without recording an end; restart resumes it. Later dates wait. */
    INTERRUPTED,
    /** Given up for good; its rows were removed. */
    ABANDONED;

    /** A run that blocks later dates until it is restarted to completion or abandoned. */
    public boolean unfinished() { return this == FAILED || this == STOPPED || this == INTERRUPTED; }
}
