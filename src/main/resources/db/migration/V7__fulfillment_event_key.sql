-- Fulfillment events are read by subscription (the billing core's histories) and written two million at a time on
-- a large first night. One index serves both: keyed by (subscription_id, business_date, source_line) instead of
-- (business_date, source_line) plus a separate subscription index. Uniqueness is unchanged in effect: a line of
-- a date's file is one row, for one subscription, so a replayed row still conflicts with itself.
ALTER TABLE fulfillment_event DROP CONSTRAINT fulfillment_event_pkey;
DROP INDEX fulfillment_event_subscription;
ALTER TABLE fulfillment_event ADD PRIMARY KEY (subscription_id, business_date, source_line);
