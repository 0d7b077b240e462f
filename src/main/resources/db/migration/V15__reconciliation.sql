-- Issue 12: reconciliation with Microsoft's monthly file (docs/reconciliation.md, decisions D33-D35).

-- Every run of bin/billing reconcile, kept for good: finance sees which version of Microsoft's files was
-- reconciled when, against which ledger, with what result. A rerun is a new row.
CREATE TABLE recon_run (
    run_id              BIGSERIAL PRIMARY KEY,
    month               CHAR(7) NOT NULL,           -- YYYY-MM
    folder              TEXT NOT NULL,              -- where Microsoft's files were read
    status              TEXT NOT NULL,              -- STARTED, COMPLETED, FAILED, SUPERSEDED
    owner               TEXT,                       -- pid and host of the process that last ran it
    last_completed_date DATE,                       -- the ledger's last completed business date at the start
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ,
    microsoft_rows      BIGINT,                     -- rows = compared + set_aside + malformed
    compared            BIGINT,
    set_aside           BIGINT,
    malformed           BIGINT,
    our_lines           BIGINT,                     -- our lines in the report
    matched             BIGINT,                     -- MATCHED, RECON_OTHER_MONTH included
    other_month         BIGINT,
    amount_differs      BIGINT,
    only_microsoft      BIGINT,
    only_ours           BIGINT,
    message             TEXT                        -- why it failed, when it did
);
CREATE INDEX recon_run_month ON recon_run (month, run_id);

-- The input files of a run, with their SHA-256 and the accounting of their rows.
CREATE TABLE recon_run_file (
    run_id     BIGINT NOT NULL REFERENCES recon_run (run_id),
    file_name  TEXT COLLATE "C" NOT NULL,
    sha256     CHAR(64) NOT NULL,
    rows       BIGINT,
    compared   BIGINT,
    set_aside  BIGINT,
    malformed  BIGINT,
    PRIMARY KEY (run_id, file_name)
);

-- The summary figures of a completed run, one row per currency (reconciliation-summary.csv).
CREATE TABLE recon_run_currency (
    run_id               BIGINT NOT NULL REFERENCES recon_run (run_id),
    currency             TEXT COLLATE "C" NOT NULL,
    microsoft_rows       BIGINT NOT NULL,
    microsoft_total      NUMERIC NOT NULL,
    our_lines            BIGINT NOT NULL,
    our_total            NUMERIC NOT NULL,
    matched              BIGINT NOT NULL,
    matched_total        NUMERIC NOT NULL,
    differences          BIGINT NOT NULL,
    difference_total     NUMERIC NOT NULL,
    only_microsoft       BIGINT NOT NULL,
    only_microsoft_total NUMERIC NOT NULL,
    only_ours            BIGINT NOT NULL,
    only_ours_total      NUMERIC NOT NULL,
    PRIMARY KEY (run_id, currency)
);

-- Working tables of the run in progress (one at a time: reconcile holds the run lock). Unlogged: they are
-- rebuilt by every attempt (the load step runs again on a restart), so a server crash that empties them loses
-- nothing. They let PostgreSQL sort both sides in key order and find the other-month lines Microsoft names,
-- so no month-sized collection is ever held in the job's heap.

-- Microsoft's rows as read: compared rows with their key; set-aside rows (code set) with what could be read.
CREATE UNLOGGED TABLE recon_microsoft_row (
    run_id              BIGINT NOT NULL,
    file_name           TEXT COLLATE "C" NOT NULL,
    line                BIGINT NOT NULL,
    code                TEXT,                       -- RECON_UNSUPPORTED_CHARGE_TYPE / RECON_MALFORMED_ROW, else NULL
    subscription_id     TEXT COLLATE "C",
    charge_type         TEXT,                       -- our spelling (cycleCharge); the raw text for a set-aside row
    charge_type_order   SMALLINT,                   -- ChargeType's declaration order: the key order
    charge_start_date   DATE,
    charge_end_date     DATE,
    credit              BOOLEAN,
    quantity            INTEGER,
    customer_id         TEXT,
    subtotal            NUMERIC,
    currency            TEXT,
    effective_unit_price NUMERIC,
    pricing_currency    TEXT,
    exchange_rate       TEXT,
    invoice_number      TEXT,
    reference_id        TEXT,
    message             TEXT,
    PRIMARY KEY (run_id, file_name, line)
);

-- The report's rows, rendered, with the columns of its sort order (docs/reconciliation.md).
CREATE UNLOGGED TABLE recon_result (
    run_id            BIGINT NOT NULL,
    severity_rank     SMALLINT NOT NULL,            -- ERROR 0, WARNING 1, INFO 2, no code 3
    code              TEXT COLLATE "C" NOT NULL,    -- '' for a plain MATCHED row
    subscription_id   TEXT COLLATE "C" NOT NULL,
    charge_start_date TEXT COLLATE "C" NOT NULL,    -- '' when unknown
    direction         TEXT COLLATE "C" NOT NULL,
    microsoft_file    TEXT COLLATE "C" NOT NULL,
    microsoft_line    BIGINT NOT NULL,              -- 0 when none
    our_line_id       TEXT COLLATE "C" NOT NULL,
    row_text          TEXT NOT NULL                 -- the CSV record, formula guard applied, with its LF
);
