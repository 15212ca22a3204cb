-- Stored unread and mention numbers, so rooms/sync/badges never count the event table.
-- unread(member) = rooms.message_count - members.read_msg_no - members.own_unread
-- where msg_no numbers a room's `message` events 1, 2, 3…; read_msg_no is the msg_no of the
-- newest message at or before the marker, own_unread the member's own messages after it.
ALTER TABLE rooms ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN msg_no INTEGER;
ALTER TABLE members ADD COLUMN read_msg_no INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN own_unread INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
CREATE INDEX events_by_sender ON events(room_id, sender_id, seq) WHERE kind = 0;

-- Backfill databases made before this migration.
UPDATE events SET msg_no = (SELECT COUNT(*) FROM events AS e WHERE e.room_id = events.room_id
                            AND e.kind = 0 AND e.seq <= events.seq)
    WHERE kind = 0;
UPDATE rooms SET message_count = (SELECT COUNT(*) FROM events WHERE room_id = rooms.id AND kind = 0);
UPDATE members SET
    read_msg_no = (SELECT COUNT(*) FROM events WHERE room_id = members.room_id AND kind = 0
                   AND seq <= members.last_read_seq),
    own_unread = (SELECT COUNT(*) FROM events WHERE room_id = members.room_id AND kind = 0
                  AND seq > members.last_read_seq AND sender_id = members.user_id),
    mentions = (SELECT COUNT(*) FROM event_mentions WHERE room_id = members.room_id
                AND user_id = members.user_id AND seq > members.last_read_seq);
