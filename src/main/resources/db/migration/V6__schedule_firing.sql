-- Every firing of a schedule in jobs/ (bin/billing schedule): when it was due, when and by which scheduler
-- process it ran, and how it ended. With several scheduler processes on one database it shows that each
-- firing ran once.
CREATE TABLE schedule_firing (
    id                  BIGSERIAL PRIMARY KEY,
    schedule            TEXT        NOT NULL,   -- the file name in jobs/ without .properties
    scheduled_fire_time TIMESTAMPTZ NOT NULL,   -- the cron time it was due at (a late firing keeps it)
    fired_at            TIMESTAMPTZ NOT NULL,
    instance_id         TEXT        NOT NULL,   -- the Quartz scheduler instance (host + start time)
    finished_at         TIMESTAMPTZ,
    outcome             TEXT                    -- NULL while running or when the process died
);
CREATE INDEX schedule_firing_due ON schedule_firing (schedule, scheduled_fire_time);
