#pragma once
// Rows as the server's logic sees them. Ids are integers inside the server; the wire carries
// them as opaque strings (see server/core/wireid.h).
#include "shared/objects/wireenums.h"

#include <QString>

namespace palaver::server {

struct UserRecord
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString passwordHash; ///< Argon2id encoded string
    qint64 lastSeen = 0; ///< ms of the last disconnect, 0 if never
    bool disabled = false;
};

struct RoomRecord
{
    qint64 id = 0;
    RoomKind kind = RoomKind::Public;
    QString name;
    QString topic;
    qint64 createdTs = 0;
    qint64 lastSeq = 0;
    qint64 memberCount = 0;
};

struct MemberRecord
{
    qint64 roomId = 0;
    qint64 userId = 0;
    Role role = Role::Member;
    qint64 lastReadSeq = 0;
    // Stored unread bookkeeping (see migration 002):
    // unread = room message_count - readMsgNo - ownUnread.
    qint64 readMsgNo = 0; ///< ordinal of the newest message at or before the marker
    qint64 ownUnread = 0; ///< the member's own messages after the marker
    qint64 mentions = 0; ///< mentions of the member after the marker
};

/// An accepted `send` as the store saw it: the ack's fields.
struct AppendedEvent
{
    qint64 seq = 0;
    qint64 ts = 0;
    bool duplicate = false;
};

} // namespace palaver::server
