-- Month close: a closed month takes no more lines; later lines for it are invoiced in the first open month.
CREATE TABLE closed_month (
    month      CHAR(7) PRIMARY KEY,        -- YYYY-MM
    closed_at  TIMESTAMPTZ NOT NULL,
    invoices   BIGINT NOT NULL,
    lines      BIGINT NOT NULL
);

-- The first open month a date's run used, so a restart or recomputation invoices identically.
ALTER TABLE business_run ADD COLUMN first_open_month CHAR(7);
