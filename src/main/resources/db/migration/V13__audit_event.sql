-- Every console action and login: who, what, when, outcome. Rows are only ever added.
CREATE TABLE audit_event (
    audit_id  BIGSERIAL PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    username  TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    outcome   TEXT NOT NULL,                     -- e.g. STARTED, OK, REFUSED, FAILED, DENIED
    message   TEXT NOT NULL
);
CREATE INDEX audit_event_at ON audit_event (at DESC);
-- the date page groups a date's exceptions by severity and code
CREATE INDEX IF NOT EXISTS billing_exception_date_code ON billing_exception (business_date, severity, code);
-- the subscription search finds a customer's or an order's subscriptions without reading every version
CREATE INDEX IF NOT EXISTS commerce_version_customer ON commerce_version (customer_id);
CREATE INDEX IF NOT EXISTS commerce_version_order ON commerce_version (order_id);
