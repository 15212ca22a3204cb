-- Uploaded files (issue 9). The bytes live on disk by SHA-256 (FileRepository); each upload
-- is its own row with its own name, so the same bytes uploaded twice are stored once.
CREATE TABLE files (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sha256     TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    mime       TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    created_ts INTEGER NOT NULL
);
-- The quota counts an owner's distinct contents.
CREATE INDEX files_by_owner ON files(owner_id, sha256);

-- Which messages reference which files: a member of such a room may download the file, so
-- the access check is one indexed lookup from the file.
CREATE TABLE file_refs (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    room_id INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (file_id, room_id, seq),
    FOREIGN KEY (room_id, seq) REFERENCES events(room_id, seq) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX file_refs_by_event ON file_refs(room_id, seq);
