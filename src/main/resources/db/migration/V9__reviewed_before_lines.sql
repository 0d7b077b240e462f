-- The bill step now skips the line and exception queries for subscriptions never reviewed (reviewed_on IS NULL):
-- lines and the billing core's exceptions are only ever written together with a review. Databases that billed
-- before reviewed_on existed (V4) get it from the lines they hold, so that rule holds for them too.
UPDATE subscription s SET reviewed_on = l.last
FROM (SELECT subscription_id, max(billed_on) AS last FROM invoice_line GROUP BY subscription_id) l
WHERE s.subscription_id = l.subscription_id AND s.reviewed_on IS NULL;
UPDATE subscription s SET reviewed_on = e.last
FROM (SELECT subscription_id, max(business_date) AS last FROM billing_exception GROUP BY subscription_id) e
WHERE s.subscription_id = e.subscription_id AND s.reviewed_on IS NULL;
