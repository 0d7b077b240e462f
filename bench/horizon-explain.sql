-- EXPLAIN (ANALYZE, BUFFERS) of the night's queries that could grow with the ledger's age, on a database that
-- bench/horizon.sh kept (KEEP_DB=1), for one page of the subscriptions due on the day after its last run:
--   psql -h 127.0.0.1 -U postgres -d <database> -f bench/horizon-explain.sql
-- The statements are the ones in ledger/ (JdbcDueSetPlanner, JdbcHistoryStore, JdbcOutputQueries) and Spring
-- Batch's JobRepository (JdbcJobExecutionDao, JdbcStepExecutionDao), with literals for their parameters.
-- Read-only: the page of ids lives in a temporary table.
\set ON_ERROR_STOP on
\pset pager off
SELECT (max(business_date) + 1)::text AS night FROM business_run \gset
\echo night :night
CREATE TEMP TABLE page AS
  SELECT subscription_id FROM subscription WHERE next_due IS NULL OR next_due <= :'night'
  ORDER BY subscription_id LIMIT 1000;
SELECT array_agg(subscription_id)::text AS ids FROM page \gset
SELECT count(*) AS page_size FROM page;
SELECT (SELECT count(*) FROM subscription) AS subscriptions,
       (SELECT count(*) FROM subscription WHERE next_due = 'infinity') AS ended,
       (SELECT count(*) FROM invoice_line l JOIN page USING (subscription_id)) AS page_lines,
       (SELECT count(*) FROM commerce_version v JOIN page USING (subscription_id)) AS page_versions,
       (SELECT count(*) FROM fulfillment_event e JOIN page USING (subscription_id)) AS page_events,
       (SELECT count(*) FROM billing_exception x JOIN page USING (subscription_id)) AS page_exceptions;

\echo '== due set: one page (JdbcDueSetPlanner.subscriptionIdsAfter) and the count'
EXPLAIN (ANALYZE, BUFFERS) SELECT subscription_id FROM subscription WHERE subscription_id > ''
  AND (next_due IS NULL OR next_due <= :'night') ORDER BY subscription_id LIMIT 1000;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM subscription WHERE next_due IS NULL OR next_due <= :'night';

\echo '== histories of the page (JdbcHistoryStore.histories)'
EXPLAIN (ANALYZE, BUFFERS) SELECT subscription_id, order_id, customer_id, customer_name, customer_country,
  reseller_mpn_id, publisher_id, publisher_name, offer_id, plan_id, friendly_name, quantity, unit_price, currency,
  term, billing_frequency, auto_renew, status, ordered_at, updated_at, cancelled_at, business_date, source_line
  FROM commerce_version WHERE subscription_id = ANY(:'ids'::text[]) AND business_date <= :'night';
EXPLAIN (ANALYZE, BUFFERS) SELECT event_id, subscription_id, publisher_id, action, occurred_at, plan_id, quantity,
  status, business_date, source_line
  FROM fulfillment_event WHERE subscription_id = ANY(:'ids'::text[]) AND business_date <= :'night';
EXPLAIN (ANALYZE, BUFFERS) SELECT subscription_id FROM subscription
  WHERE subscription_id = ANY(:'ids'::text[]) AND reviewed_on IS NOT NULL;
EXPLAIN (ANALYZE, BUFFERS) SELECT invoice_number, line_id, customer_id, customer_name, customer_country,
  reseller_mpn_id, order_id, order_date, publisher_id, publisher_name, offer_id, plan_id, subscription_id,
  subscription_description, charge_type, charge_start_date, charge_end_date, unit_price, effective_unit_price,
  quantity, subtotal, currency, term, billing_frequency, subscription_start_date, subscription_end_date, reference_id
  FROM invoice_line WHERE subscription_id = ANY(:'ids'::text[]);
EXPLAIN (ANALYZE, BUFFERS) SELECT subscription_id, exception_id FROM billing_exception
  WHERE subscription_id = ANY(:'ids'::text[]);

\echo '== publish: the last date lines and exceptions (JdbcOutputQueries), bounded by billed_on / business_date'
SELECT max(business_date)::text AS last FROM business_run \gset
EXPLAIN (ANALYZE, BUFFERS) SELECT invoice_number FROM invoice_line WHERE billed_on = :'last' AND random() < 0.01
  ORDER BY invoice_number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM billing_exception WHERE business_date = :'last';

\echo '== Spring Batch JobRepository lookups (the last job execution, its steps, its parameters)'
SELECT max(job_instance_id) AS inst, max(job_execution_id) AS exec FROM batch_job_execution \gset
EXPLAIN (ANALYZE, BUFFERS) SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id = :inst
  AND job_execution_id IN (SELECT max(job_execution_id) FROM batch_job_execution e2 WHERE e2.job_instance_id = :inst);
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM batch_step_execution WHERE job_execution_id = :exec ORDER BY step_execution_id;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM batch_job_execution je JOIN batch_step_execution se
  ON se.job_execution_id = je.job_execution_id WHERE je.job_instance_id = :inst AND se.step_name = 'bill';
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM batch_job_execution_params WHERE job_execution_id = :exec;
EXPLAIN (ANALYZE, BUFFERS) SELECT max(p.job_execution_id) FROM batch_job_execution_params p
  WHERE p.parameter_name = 'businessDate' AND p.parameter_value = :'last';
