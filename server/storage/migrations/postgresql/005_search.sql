-- Full-text search over messages (protocol "Rich messaging": search); the same table as
-- migrations/sqlite/005_search.sql, indexed with a tsvector column and GIN instead of FTS5.
-- message_text holds each live message's current text: the original, or its latest edit's;
-- a deleted message has no row. SqlEventStore keeps it in the transaction of every send,
-- edit and delete; deleting a room or its events removes its rows (ON DELETE CASCADE).
-- 004 belongs to another change (files); the migrator applies numbers in order.

-- Accents: "cafe" finds "café" through the unaccent extension (contrib). Creating it needs
-- the contrib package and the CREATE privilege on the database; where either is missing,
-- search works without it (accents then count). The exception block keeps the migration's
-- transaction alive when CREATE EXTENSION fails.
DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS unaccent; EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'unaccent is not available, search will not fold accents: %', SQLERRM; END $$;
-- palaver_search_text(text): what is indexed and queried. IMMUTABLE (for the generated column)
-- is true as long as nobody edits the unaccent rules; unaccent is named with its schema so
-- the column does not depend on search_path.
DO $$ DECLARE s text; BEGIN SELECT extnamespace::regnamespace::text INTO s FROM pg_extension WHERE extname = 'unaccent'; IF s IS NULL THEN EXECUTE 'CREATE FUNCTION palaver_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT t $f$'; ELSE EXECUTE format('CREATE FUNCTION palaver_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT %I.unaccent(%L::regdictionary, t) $f$', s, s || '.unaccent'); END IF; END $$;

-- 'simple': lower-cased words, no stemming and no stop words, like FTS5's unicode61.
CREATE TABLE message_text (
    room_id BIGINT NOT NULL,
    seq     BIGINT NOT NULL,
    ts      BIGINT NOT NULL,
    text    TEXT   NOT NULL,
    words   TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', palaver_search_text(text))) STORED,
    PRIMARY KEY (room_id, seq),
    FOREIGN KEY (room_id, seq) REFERENCES events(room_id, seq) ON DELETE CASCADE
);
CREATE INDEX message_text_words ON message_text USING GIN (words);

-- Backfill: every message stored before this migration, with the text of its latest edit
-- (kind 1), deleted ones left out.
INSERT INTO message_text (room_id, seq, ts, text)
SELECT m.room_id, m.seq, m.ts, COALESCE(latest.text, m.body::jsonb ->> 'text', '')
FROM events AS m
LEFT JOIN (SELECT DISTINCT ON (room_id, (body::jsonb ->> 'target')::bigint)
                  room_id, (body::jsonb ->> 'target')::bigint AS target, body::jsonb ->> 'text' AS text
           FROM events WHERE kind = 1
           ORDER BY room_id, (body::jsonb ->> 'target')::bigint, seq DESC) AS latest
    ON latest.room_id = m.room_id AND latest.target = m.seq
WHERE m.kind = 0 AND COALESCE((m.body::jsonb ->> 'deleted')::boolean, false) = false;
