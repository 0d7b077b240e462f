-- Incremental billing: the bill step reviews only the subscriptions due on the business date.
-- reviewed_on: the business date of the run that last billed the subscription.
-- next_due: the first date on which, without new facts, a run could add a line or exception for it (from the
-- billing core; 'infinity' when none ever will). Loading a fact pulls it back to the fact's date; NULL means
-- never billed yet. Both are advisory: a subscription reviewed too often changes nothing (ids are stable).
ALTER TABLE subscription ADD COLUMN reviewed_on DATE, ADD COLUMN next_due DATE;
