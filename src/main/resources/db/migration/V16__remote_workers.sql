-- Issue 14: remote partitioning. Workers (bin/billing worker) announce themselves here every few seconds; the
-- manager reads it to refuse a remote run when no worker is up and to tell a slice whose worker died from one
-- still running. Times are the database's own clock (now()), so the machines' clocks never need to agree.
CREATE TABLE worker_heartbeat (
    worker_id   TEXT PRIMARY KEY,              -- "pid 123 on host-a #<random>", one per worker process
    host        TEXT NOT NULL,
    pid         BIGINT NOT NULL,
    threads     INTEGER NOT NULL,              -- slices it runs at once
    started_at  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL
);

-- Which worker took which slice (a partition's step execution). The primary key makes the claim atomic: of two
-- deliveries of one request (a redelivery after a lost connection), exactly one worker runs the slice. A restart
-- creates new step executions for the unfinished slices, so an old claim never blocks it.
CREATE TABLE slice_claim (
    step_execution_id BIGINT PRIMARY KEY,
    worker_id         TEXT NOT NULL,
    claimed_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
