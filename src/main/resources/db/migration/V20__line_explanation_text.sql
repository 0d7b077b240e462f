-- Issue 11 (D48): a line's explanation in one text column instead of the eighteen typed columns of V14. PostgreSQL
-- then parses one value per line in the bill step's COPY and prints one in the publish step's read, instead of
-- eighteen dates, numbers and timestamps (that was most of what explanations added to a first night). The format
-- is ledger/ExplanationColumns':
--   rule|direction|remainingDays|cycleDays|cycleStart|cycleEnd|rounding|exactAmount|fromQuantity|toQuantity|
--   commerceDate|commerceLine|commerceUpdatedAt|fulfillmentSources|reversesLineId|dueOn|fromPlan|toPlan
-- with the plan ids' '\' and '|' escaped by a backslash. Lines stored with the V14 columns are converted; lines
-- billed before V14 keep no explanation (NULL: "explanation not recorded").
ALTER TABLE invoice_line ADD COLUMN explanation TEXT;

UPDATE invoice_line SET explanation =
       explanation_rule || '|' || direction || '|' || remaining_days || '|' || cycle_days || '|'
    || to_char(cycle_start, 'YYYY-MM-DD') || '|' || to_char(cycle_end, 'YYYY-MM-DD') || '|'
    || rounding_mode || '|' || exact_amount::text || '|'
    || CASE WHEN change_from_plan IS NULL THEN '||'
            ELSE change_from_quantity || '|' || change_to_quantity || '|' END
    || to_char(commerce_business_date, 'YYYY-MM-DD') || '|' || commerce_source_line || '|'
    || coalesce(to_char(commerce_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '') || '|'
    || coalesce(fulfillment_sources, '') || '|' || coalesce(reverses_line_id, '') || '|'
    || to_char(due_on, 'YYYY-MM-DD') || '|'
    || CASE WHEN change_from_plan IS NULL THEN '|'
            ELSE replace(replace(change_from_plan, '\', '\\'), '|', '\|') || '|'
              || replace(replace(change_to_plan, '\', '\\'), '|', '\|') END
WHERE explanation_rule IS NOT NULL;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM invoice_line WHERE explanation_rule IS NOT NULL AND explanation IS NULL) THEN
        RAISE EXCEPTION 'V20: an explanation stored by V14 could not be converted (a NULL where a value is required)';
    END IF;
END $$;

ALTER TABLE invoice_line
    DROP COLUMN explanation_rule, DROP COLUMN direction, DROP COLUMN remaining_days, DROP COLUMN cycle_days,
    DROP COLUMN cycle_start, DROP COLUMN cycle_end, DROP COLUMN rounding_mode, DROP COLUMN exact_amount,
    DROP COLUMN change_from_plan, DROP COLUMN change_to_plan, DROP COLUMN change_from_quantity,
    DROP COLUMN change_to_quantity, DROP COLUMN commerce_business_date, DROP COLUMN commerce_source_line,
    DROP COLUMN commerce_updated_at, DROP COLUMN fulfillment_sources, DROP COLUMN reverses_line_id,
    DROP COLUMN due_on;
