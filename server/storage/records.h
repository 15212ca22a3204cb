#pragma once
// Rows as the server's logic sees them. Ids are integers inside the server; the wire carries
// them as opaque strings (see server/core/wireid.h).
#include "shared/objects/wireenums.h"

#include <QString>
#include <optional>

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

/// One line of the audit log. `actorName` may be left empty when `actorId` is set: the store
/// fills in the user's name. `detail` is small JSON, never a password or a token.
struct AuditRecord
{
    qint64 id = 0; ///< assigned by the store
    qint64 ts = 0;
    std::optional<qint64> actorId;
    QString actorName;
    QString action;
    QString target; ///< "user:NAME" or "room:ID"
    QString address; ///< the peer's IP, or "cli" for admin commands
    QString detail;
};

/// What an admin command changed that a running server must act on (close sessions, drop a
/// room); written in the same transaction as the change.
struct AccountChange
{
    enum class Kind { Disabled, PasswordReset, RoomDeleted, Unknown };
    qint64 id = 0;
    Kind kind = Kind::Disabled;
    qint64 userId = 0; ///< Disabled, PasswordReset
    qint64 roomId = 0; ///< RoomDeleted
    qint64 ts = 0;
};

/// One upload: its own name, the sniffed type, and the content's SHA-256 (hex), which names
/// the bytes on disk.
struct FileRecord
{
    qint64 id = 0; ///< assigned by the store
    qint64 ownerId = 0;
    QString sha256;
    QString name;
    QString mime;
    qint64 size = 0;
    qint64 createdTs = 0;
};

/// A user as `user list` shows it.
struct UserSummary
{
    UserRecord user;
    qint64 createdTs = 0;
    qint64 liveSessions = 0; ///< tokens not yet expired
};

/// A room as `room list` shows it; direct rooms are labelled by their members' names.
struct RoomSummary
{
    RoomRecord room;
    QString memberNames; ///< direct rooms only: "ada, bob"
};

} // namespace palaver::server
