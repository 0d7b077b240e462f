-- Issue 16: a year of nights must not slow the night down (docs/perf/horizon.md, decision D48).
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
