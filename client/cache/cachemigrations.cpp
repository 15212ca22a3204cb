#include "client/cache/cachemigrations.h"

using namespace Qt::StringLiterals;

namespace palaver::client {

const QList<CacheMigration>& cacheMigrations()
{
    // Objects are stored as the wire JSON of the shared types (RoomInfo, Event, MemberInfo):
    // one parser for the wire and the cache, and a new protocol field needs no migration.
    static const QList<CacheMigration> migrations {
        {1,
            {
                u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
                u"CREATE TABLE rooms (id TEXT PRIMARY KEY, object TEXT NOT NULL)"_s,
                u"CREATE TABLE events (room TEXT NOT NULL, seq INTEGER NOT NULL, "
                u"object TEXT NOT NULL, PRIMARY KEY (room, seq)) WITHOUT ROWID"_s,
                u"CREATE TABLE members (room TEXT NOT NULL, user TEXT NOT NULL, "
                u"object TEXT NOT NULL, PRIMARY KEY (room, user)) WITHOUT ROWID"_s,
                // The highest seq held with nothing missing below it down to the oldest
                // cached event: what `sync` sends as the room's cursor.
                u"CREATE TABLE cursors (room TEXT PRIMARY KEY, seq INTEGER NOT NULL)"_s,
                u"CREATE TABLE outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, "
                u"client_mid TEXT NOT NULL UNIQUE, room TEXT NOT NULL, text TEXT NOT NULL, "
                u"reply_to INTEGER NOT NULL DEFAULT 0, mentions TEXT NOT NULL DEFAULT '', "
                u"created INTEGER NOT NULL, failed INTEGER NOT NULL DEFAULT 0, "
                u"error TEXT NOT NULL DEFAULT '')"_s,
            }},
        {2,
            {
                // Read markers of every member, fed by `members` answers and receipts; they
                // outlive member lists, which are refreshed wholesale.
                u"CREATE TABLE markers (room TEXT NOT NULL, user TEXT NOT NULL, "
                u"seq INTEGER NOT NULL, PRIMARY KEY (room, user)) WITHOUT ROWID"_s,
            }},
        {3,
            {
                // Messages with files: the uploaded file objects (wire JSON array), so a
                // pending row shows them and a resend after a restart still carries them.
                u"ALTER TABLE outbox ADD COLUMN attachments TEXT NOT NULL DEFAULT ''"_s,
            }},
    };
    return migrations;
}

} // namespace palaver::client
