-- Issue 16: a year of nights must not slow the night down (docs/perf/horizon.md, decision D47).
-- Spring Batch's schema indexes none of its foreign keys, and the JobRepository looks executions up by them on
-- every run: a job instance's executions (getLastJobExecution, the restart check), a job execution's steps and
-- parameters (loading an execution, the step-start check of each step, our status and bench queries by date).
-- These tables gain a few rows a night (one per step and bill slice), so each of those lookups was a sequential
-- scan growing with the ledger's age; with the indexes they read the few rows of one execution.
CREATE INDEX IF NOT EXISTS batch_job_execution_instance ON batch_job_execution (job_instance_id);
CREATE INDEX IF NOT EXISTS batch_step_execution_job ON batch_step_execution (job_execution_id);
CREATE INDEX IF NOT EXISTS batch_job_execution_params_job ON batch_job_execution_params (job_execution_id);
-- A date's executions by its businessDate parameter (status, health, console, restart): one row per execution.
CREATE INDEX IF NOT EXISTS batch_job_execution_params_value
    ON batch_job_execution_params (parameter_name, parameter_value);

-- A page of histories (JdbcHistoryStore: the rows of 1,000 due subscriptions, subscription_id = ANY(...)) must read
-- those subscriptions' rows through the primary key. On a 100,000-subscription ledger the planner switched, after a
-- week of nights, to a parallel sequential scan of the whole fulfillment_event table for every page: 85 ms a page
-- against 25 ms for the bitmap scan of the key (the night's reads of that table went from 14,000 rows to 900,000),
-- and that scan grows with every night's events. These tables are read by subscription or by date (indexed); no
-- parallel scan of them is wanted, so the planner is not offered one. invoice_line keeps it: month close and
-- reconciliation read a whole invoice month of it.
ALTER TABLE fulfillment_event SET (parallel_workers = 0);
ALTER TABLE commerce_version SET (parallel_workers = 0);
ALTER TABLE billing_exception SET (parallel_workers = 0);
