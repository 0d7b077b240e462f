-- The people who may log in to the console and the scheduler's port (bin/billing user add). No account exists
-- until an operator creates one: nothing default works out of the box.
CREATE TABLE console_user (
    username      TEXT COLLATE "C" PRIMARY KEY,
    password_hash TEXT NOT NULL,                 -- BCrypt, never the password
    role          TEXT NOT NULL CHECK (role IN ('OPERATOR', 'FINANCE')),
    created_at    TIMESTAMPTZ NOT NULL
);
