-- Palaver schema v1 for SQLite. Each statement ends with a semicolon at the end of a line.
-- Integer-coded enums (kind, role) follow the enum order in shared/objects/wireenums.h.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_ts    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0
);

-- Only a hash of each token is stored: a copy of the database cannot resume sessions.
CREATE TABLE sessions (
    token_hash BLOB    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device     TEXT    NOT NULL,
    created_ts INTEGER NOT NULL,
    expires_ts INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE rooms (
    id           INTEGER PRIMARY KEY,
    kind         INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    topic        TEXT    NOT NULL,
    created_ts   INTEGER NOT NULL,
    last_seq     INTEGER NOT NULL DEFAULT 0,
    member_count INTEGER NOT NULL DEFAULT 0,
    direct_key   TEXT    UNIQUE
);

CREATE TABLE members (
    room_id       INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role          INTEGER NOT NULL,
    last_read_seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
) WITHOUT ROWID;
CREATE INDEX members_by_user ON members(user_id, room_id);

-- Clustered by (room, seq): a history page is one contiguous range read.
CREATE TABLE events (
    room_id    INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    ts         INTEGER NOT NULL,
    sender_id  INTEGER NOT NULL REFERENCES users(id),
    kind       INTEGER NOT NULL,
    client_mid TEXT,
    body       TEXT    NOT NULL,
    PRIMARY KEY (room_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX events_client_mid ON events(room_id, sender_id, client_mid)
    WHERE client_mid IS NOT NULL;

CREATE TABLE event_mentions (
    room_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_id, seq),
    FOREIGN KEY (room_id, seq) REFERENCES events(room_id, seq) ON DELETE CASCADE
) WITHOUT ROWID;
