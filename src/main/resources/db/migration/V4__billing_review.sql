-- Incremental billing: the bill step reviews only the subscriptions due on the business date.
-- reviewed_on: the business date of the run that last billed the subscription.
-- next_due: the first date on which, without new facts, a run could add a line or exception for it (from the
-- billing core; 'infinity' when none ever will). Loading a fact pulls it back to the fact's date; NULL means
-- never billed yet. Both are advisory: a subscription reviewed too often changes nothing (ids are stable).
ALTER TABLE subscription ADD COLUMN reviewed_on DATE, ADD COLUMN next_due DATE;

-- Invoice lines are written in subscription order by the bill step. Keyed by line_id alone, every insert lands
-- on a random page of a primary-key index far larger than the buffer cache (5 million lines on the first night
-- of a 1-million book). Keyed by (subscription_id, line_id), the inserts of a chunk land on neighbouring pages.
-- Uniqueness is unchanged in effect: a line id is a hash that already includes its subscription id. The same
-- index serves the history query by subscription, so the separate one goes.
ALTER TABLE invoice_line DROP CONSTRAINT invoice_line_pkey;
ALTER TABLE invoice_line ADD PRIMARY KEY (subscription_id, line_id);
DROP INDEX invoice_line_subscription;
