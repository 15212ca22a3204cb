-- Full-text search over messages (protocol "Rich messaging": search).
-- message_text holds each live message's current text: the original, or its latest edit's;
-- a deleted message has no row. SqlEventStore keeps it in the transaction of every send, edit
-- and delete; deleting a room or its events removes its rows (ON DELETE CASCADE).
-- message_search is an FTS5 index over it (external content: the text is not stored twice
-- in the index), kept in step by the triggers below. unicode61 folds case all over Unicode;
-- remove_diacritics 2 makes "cafe" find "café" (and the other way round).
-- 004 belongs to another change (files); the migrator applies numbers in order.
-- Ids never reused (AUTOINCREMENT): search_state.indexed_id is a watermark, and search takes
-- the newest hits by id, which follow commit order.
CREATE TABLE message_text (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    ts      INTEGER NOT NULL,
    text    TEXT    NOT NULL,
    UNIQUE (room_id, seq),
    FOREIGN KEY (room_id, seq) REFERENCES events(room_id, seq) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE message_search USING fts5(text, content = 'message_text',
    content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');

-- New rows reach the index once per write transaction, just before COMMIT (SqlStore::commit):
-- FTS5 writes its pending terms out at every savepoint, and the WriteBatcher runs each send
-- in one, so an insert trigger cost a segment write per message (about 55 µs, more than the
-- rest of a send). Rows up to indexed_id are in the index; edits and deletes of those update
-- it at once, in their own transaction, while newer rows are indexed with whatever text they
-- have at the commit (or never, when deleted before it).
CREATE TABLE search_state (indexed_id INTEGER NOT NULL);

-- The migrator ends a statement at a ';' that ends a line, so the ';' between the statements
-- of a trigger body starts the next line instead.
CREATE TRIGGER message_text_delete AFTER DELETE ON message_text
    WHEN old.id <= (SELECT indexed_id FROM search_state) BEGIN
    INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.id, old.text)
    ; END;
CREATE TRIGGER message_text_update AFTER UPDATE OF text ON message_text
    WHEN old.id <= (SELECT indexed_id FROM search_state) BEGIN
    INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.id, old.text)
    ; INSERT INTO message_search (rowid, text) VALUES (new.id, new.text)
    ; END;

-- Backfill: every message stored before this migration, with the text of its latest edit
-- (kind 1; SQLite takes `text` from the row that gives MAX(seq)), deleted ones left out, in
-- time order (ids are the search's recency), then indexed.
INSERT INTO message_text (room_id, seq, ts, text)
SELECT m.room_id, m.seq, m.ts, COALESCE(latest.text, json_extract(m.body, '$.text'), '')
FROM events AS m
LEFT JOIN (SELECT room_id, json_extract(body, '$.target') AS target,
                  json_extract(body, '$.text') AS text, MAX(seq) AS seq
           FROM events WHERE kind = 1
           GROUP BY room_id, json_extract(body, '$.target')) AS latest
    ON latest.room_id = m.room_id AND latest.target = m.seq
WHERE m.kind = 0 AND COALESCE(json_extract(m.body, '$.deleted'), 0) = 0
ORDER BY m.ts, m.seq, m.room_id;
INSERT INTO message_search (rowid, text) SELECT id, text FROM message_text;
INSERT INTO search_state (indexed_id) SELECT COALESCE(MAX(id), 0) FROM message_text;
