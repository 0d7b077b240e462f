-- Issue 11: each line's explanation, stored with the line in the same row (one COPY, nothing to join when
-- publishing line-explanations.csv). Unit price and quantity are the line's own columns. Lines billed before this
-- migration have no explanation (explanation_rule NULL) and show "explanation not recorded". Adding nullable
-- columns without a default rewrites nothing.
ALTER TABLE invoice_line
    ADD COLUMN explanation_rule      TEXT,         -- R4, R5, R6, R7, R8, R10, R13 (docs/rules.md)
    ADD COLUMN direction             TEXT,         -- CHARGE or CREDIT
    ADD COLUMN remaining_days        INTEGER,
    ADD COLUMN cycle_days            INTEGER,
    ADD COLUMN cycle_start           DATE,
    ADD COLUMN cycle_end             DATE,
    ADD COLUMN rounding_mode         TEXT,         -- UNIT or LINE (R14)
    ADD COLUMN exact_amount          NUMERIC,      -- before truncation; cut at 10 decimals when it does not end
    ADD COLUMN change_from_plan      TEXT,         -- R7/R8 only
    ADD COLUMN change_to_plan        TEXT,
    ADD COLUMN change_from_quantity  INTEGER,
    ADD COLUMN change_to_quantity    INTEGER,
    ADD COLUMN commerce_business_date DATE,        -- the commerce version: the feed that carried it,
    ADD COLUMN commerce_source_line  BIGINT,       -- its physical line,
    ADD COLUMN commerce_updated_at   TIMESTAMPTZ,  -- and its updated_at
    ADD COLUMN fulfillment_sources   TEXT,         -- per event "event_id action occurred_at business_date line", ';' between
    ADD COLUMN reverses_line_id      TEXT,         -- R10 only
    ADD COLUMN due_on                DATE;
