-- Full-text search over messages (protocol "Rich messaging": search).
-- message_text holds each live message's current text: the original, or its latest edit's;
-- a deleted message has no row. SqlEventStore keeps it in the transaction of every send, edit
-- and delete; deleting a room or its events removes its rows (ON DELETE CASCADE).
-- message_search is an FTS5 index over it (external content: the text is not stored twice
-- in the index), kept in step by the triggers below. unicode61 folds case all over Unicode;
-- remove_diacritics 2 makes "cafe" find "café" (and the other way round).
-- 004 belongs to another change (files); the migrator applies numbers in order.
CREATE TABLE message_text (
    id      INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    ts      INTEGER NOT NULL,
    text    TEXT    NOT NULL,
    UNIQUE (room_id, seq),
    FOREIGN KEY (room_id, seq) REFERENCES events(room_id, seq) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE message_search USING fts5(text, content = 'message_text',
    content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');

-- The migrator ends a statement at a ';' that ends a line, so the ';' between the statements
-- of a trigger body starts the next line instead.
CREATE TRIGGER message_text_insert AFTER INSERT ON message_text BEGIN
    INSERT INTO message_search (rowid, text) VALUES (new.id, new.text)
    ; END;
CREATE TRIGGER message_text_delete AFTER DELETE ON message_text BEGIN
    INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.id, old.text)
    ; END;
CREATE TRIGGER message_text_update AFTER UPDATE OF text ON message_text BEGIN
    INSERT INTO message_search (message_search, rowid, text) VALUES ('delete', old.id, old.text)
    ; INSERT INTO message_search (rowid, text) VALUES (new.id, new.text)
    ; END;

-- Backfill: every message stored before this migration, with the text of its latest edit
-- (kind 1; SQLite takes `text` from the row that gives MAX(seq)), deleted ones left out.
INSERT INTO message_text (room_id, seq, ts, text)
SELECT m.room_id, m.seq, m.ts, COALESCE(latest.text, json_extract(m.body, '$.text'), '')
FROM events AS m
LEFT JOIN (SELECT room_id, json_extract(body, '$.target') AS target,
                  json_extract(body, '$.text') AS text, MAX(seq) AS seq
           FROM events WHERE kind = 1
           GROUP BY room_id, json_extract(body, '$.target')) AS latest
    ON latest.room_id = m.room_id AND latest.target = m.seq
WHERE m.kind = 0 AND COALESCE(json_extract(m.body, '$.deleted'), 0) = 0;
