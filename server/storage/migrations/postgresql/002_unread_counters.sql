-- Stored unread and mention numbers, so rooms/sync/badges never count the event table.
-- unread(member) = rooms.message_count - members.read_msg_no - members.own_unread
-- where msg_no numbers a room's `message` events 1, 2, 3…; read_msg_no is the msg_no of the
-- newest message at or before the marker, own_unread the member's own messages after it.
-- (No backfill as on SQLite: no PostgreSQL database predates this version.)
ALTER TABLE rooms ADD COLUMN message_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN msg_no BIGINT;
ALTER TABLE members ADD COLUMN read_msg_no BIGINT NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN own_unread BIGINT NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN mentions BIGINT NOT NULL DEFAULT 0;
CREATE INDEX events_by_sender ON events(room_id, sender_id, seq) WHERE kind = 0;
