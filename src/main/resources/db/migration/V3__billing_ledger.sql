-- The billing ledger. Text columns compare and sort with COLLATE "C" (binary, never the server's locale).

-- Every subscription either feed ever named: the billing step pages through it by key.
CREATE TABLE subscription (
    subscription_id TEXT COLLATE "C" PRIMARY KEY,
    first_seen      DATE NOT NULL
);

-- Every accepted commerce row, once per distinct content (an identical resend is no new fact, R17).
CREATE TABLE commerce_version (
    subscription_id   TEXT COLLATE "C" NOT NULL,
    content_key       CHAR(64)         NOT NULL,
    business_date     DATE             NOT NULL,  -- the feed that first carried it
    source_line       BIGINT           NOT NULL,
    order_id          TEXT NOT NULL,
    customer_id       TEXT NOT NULL,
    customer_name     TEXT NOT NULL,
    customer_country  TEXT NOT NULL,
    reseller_mpn_id   TEXT NOT NULL,
    publisher_id      TEXT NOT NULL,
    publisher_name    TEXT NOT NULL,
    offer_id          TEXT NOT NULL,
    plan_id           TEXT NOT NULL,
    friendly_name     TEXT NOT NULL,
    quantity          INTEGER NOT NULL,
    unit_price        NUMERIC NOT NULL,           -- unconstrained: keeps the scale written in the feed
    currency          TEXT NOT NULL,
    term              TEXT NOT NULL,
    billing_frequency TEXT NOT NULL,
    auto_renew        BOOLEAN NOT NULL,
    status            TEXT NOT NULL,
    ordered_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    cancelled_at      TIMESTAMPTZ,
    PRIMARY KEY (subscription_id, content_key)
);

-- Every well-formed fulfillment row, as received; the billing core decides duplicates and conflicts (R17).
CREATE TABLE fulfillment_event (
    business_date   DATE             NOT NULL,
    source_line     BIGINT           NOT NULL,
    event_id        TEXT COLLATE "C" NOT NULL,
    subscription_id TEXT COLLATE "C" NOT NULL,
    publisher_id    TEXT NOT NULL,
    action          TEXT NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    plan_id         TEXT NOT NULL,
    quantity        INTEGER,
    status          TEXT NOT NULL,
    PRIMARY KEY (business_date, source_line)
);
CREATE INDEX fulfillment_event_subscription ON fulfillment_event (subscription_id);

-- Every line ever billed. billed_on is the business date of the run that emitted it; lines are final.
CREATE TABLE invoice_line (
    line_id                  TEXT COLLATE "C" PRIMARY KEY,
    billed_on                DATE NOT NULL,
    invoice_number           TEXT COLLATE "C" NOT NULL,
    customer_id              TEXT NOT NULL,
    customer_name            TEXT NOT NULL,
    customer_country         TEXT NOT NULL,
    reseller_mpn_id          TEXT NOT NULL,
    order_id                 TEXT NOT NULL,
    order_date               DATE NOT NULL,
    publisher_id             TEXT NOT NULL,
    publisher_name           TEXT NOT NULL,
    offer_id                 TEXT NOT NULL,
    plan_id                  TEXT NOT NULL,
    subscription_id          TEXT COLLATE "C" NOT NULL,
    subscription_description TEXT NOT NULL,
    charge_type              TEXT NOT NULL,
    charge_start_date        DATE NOT NULL,
    charge_end_date          DATE NOT NULL,
    unit_price               NUMERIC NOT NULL,
    effective_unit_price     NUMERIC NOT NULL,
    quantity                 INTEGER NOT NULL,
    subtotal                 NUMERIC NOT NULL,
    currency                 TEXT NOT NULL,
    term                     TEXT NOT NULL,
    billing_frequency        TEXT NOT NULL,
    subscription_start_date  DATE NOT NULL,
    subscription_end_date    DATE NOT NULL,
    reference_id             TEXT NOT NULL
);
CREATE INDEX invoice_line_billed_on ON invoice_line (billed_on);
CREATE INDEX invoice_line_subscription ON invoice_line (subscription_id);

-- Every exception ever raised, by the run that raised it.
CREATE TABLE billing_exception (
    exception_id    TEXT COLLATE "C" PRIMARY KEY,
    business_date   DATE NOT NULL,
    severity        TEXT NOT NULL,
    code            TEXT NOT NULL,
    subscription_id TEXT COLLATE "C" NOT NULL,
    customer_id     TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    source_line     BIGINT NOT NULL,
    event_id        TEXT NOT NULL,
    message         TEXT NOT NULL,
    expected        TEXT NOT NULL,
    actual          TEXT NOT NULL
);
CREATE INDEX billing_exception_business_date ON billing_exception (business_date);
CREATE INDEX billing_exception_subscription ON billing_exception (subscription_id);

-- One row per business date: its settings, its input checksums and counts, and whether it completed.
CREATE TABLE business_run (
    business_date        DATE PRIMARY KEY,
    status               TEXT NOT NULL,          -- STARTED, COMPLETED, ABANDONED
    rounding             TEXT NOT NULL,
    legacy_until         TIMESTAMPTZ NOT NULL,
    last_completed_before DATE,                  -- the last completed date when this date first started (R17 "late")
    owner                TEXT,                   -- pid@host of the process that last ran it
    started_at           TIMESTAMPTZ NOT NULL,
    completed_at         TIMESTAMPTZ
);

CREATE TABLE feed_file (
    business_date  DATE NOT NULL,
    file_name      TEXT NOT NULL,
    sha256         CHAR(64) NOT NULL,
    data_rows      BIGINT,
    malformed_rows BIGINT,
    stored_rows    BIGINT,
    PRIMARY KEY (business_date, file_name)
);
