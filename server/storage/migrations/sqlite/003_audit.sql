-- The audit log, and the account changes an admin command makes for a running server to act on.
-- Audit rows are written in the transaction of the change they describe, so the log and the
-- data cannot disagree. `detail` is small JSON and never holds a password or a token.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    ts         INTEGER NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    target     TEXT    NOT NULL DEFAULT '',
    address    TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_ts ON audit(ts);

-- Written by `palaver-server user disable|reset-password` and `room delete` (another process);
-- the server polls `id > last seen` and closes sessions or drops rooms. No foreign keys: a row
-- must outlive the room it names.
CREATE TABLE account_changes (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER,
    room_id INTEGER,
    change  TEXT    NOT NULL,
    ts      INTEGER NOT NULL
);
