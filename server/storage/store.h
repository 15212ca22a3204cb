#pragma once
// The storage interface. One Store is one database connection used by one thread; the
// WriteBatcher and ReadPool own theirs. Methods throw StoreError on database failure and
// return empty optionals for "no such row": rules (who may do what) live in the handlers.
#include "server/storage/records.h"
#include "shared/objects/event.h"
#include "shared/objects/memberinfo.h"
#include "shared/objects/roominfo.h"
#include "shared/objects/userinfo.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <optional>

namespace palaver::server {
class SearchQuery;

class UserStore
{
public:
    virtual ~UserStore() = default;
    /// nullopt when the (lower-case) username is taken.
    virtual std::optional<qint64> createUser(const QString& username, const QString& displayName,
        const QString& passwordHash, qint64 now) = 0;
    virtual std::optional<UserRecord> userByName(const QString& username) = 0;
    virtual std::optional<UserRecord> userById(qint64 id) = 0;
    /// Users whose username or display name contains `query`, by username.
    virtual QList<UserRecord> searchUsers(const QString& query, int limit) = 0;
    virtual void setLastSeen(qint64 userId, qint64 ts) = 0;

    virtual void createSession(const QByteArray& tokenHash, qint64 userId, const QString& device,
        qint64 now, qint64 expiresTs) = 0;
    /// The user of a live session; slides its expiry forward to `newExpiry`.
    virtual std::optional<qint64> resumeSession(
        const QByteArray& tokenHash, qint64 now, qint64 newExpiry) = 0;
    virtual void deleteSession(const QByteArray& tokenHash) = 0;
    /// The user of a live session whose account is enabled, without renewing it (HTTP
    /// requests check the token on a reader).
    virtual std::optional<qint64> sessionUser(const QByteArray& tokenHash, qint64 now) = 0;
};

class RoomStore
{
public:
    virtual ~RoomStore() = default;
    /// `directKey` is set for direct rooms only and is unique per pair of users.
    virtual qint64 createRoom(RoomKind kind, const QString& name, const QString& topic, qint64 now,
        const QString& directKey = {}) = 0;
    virtual std::optional<qint64> directRoom(const QString& directKey) = 0;
    virtual std::optional<RoomRecord> room(qint64 roomId) = 0;
    virtual std::optional<MemberRecord> member(qint64 roomId, qint64 userId) = 0;
    /// Adds a member whose marker starts at the room's current last seq.
    virtual void addMember(qint64 roomId, qint64 userId, Role role) = 0;
    virtual void removeMember(qint64 roomId, qint64 userId) = 0;
    virtual QList<MemberInfo> members(qint64 roomId) = 0;
    /// The user's rooms with its marker, unread, mentions and last event filled in.
    virtual QList<RoomInfo> roomsOf(qint64 userId) = 0;
    /// One room as `userId` sees it (with `self` when a member).
    virtual std::optional<RoomInfo> roomFor(qint64 roomId, qint64 userId) = 0;
    virtual QList<RoomInfo> publicRooms(const QString& query, int limit) = 0;
    /// Every membership with its counters: the server's in-memory roster is built from it.
    virtual QList<MemberRecord> allMemberships() = 0;
    /// Number of `message` events of every room that has any.
    virtual QHash<qint64, qint64> messageCounts() = 0;
    /// The last seq of every room that has an event.
    virtual QHash<qint64, qint64> lastSeqs() = 0;
    /// Moves the marker forward only, clamped to the room's last seq, and recomputes the
    /// member's counters; returns the member as stored afterwards.
    virtual MemberRecord advanceReadMarker(qint64 roomId, qint64 userId, qint64 seq) = 0;
};

class EventStore
{
public:
    virtual ~EventStore() = default;
    /// Appends with the room's next seq (assigned in this transaction) and returns it. A
    /// message also advances the room's message count, the sender's own-unread count and
    /// each mentioned member's mention count.
    virtual qint64 append(Event& event, qint64 roomId, qint64 senderId) = 0;
    /// The ack of an earlier send with the same (room, sender, client_mid), if any.
    virtual std::optional<AppendedEvent> findByClientMid(
        qint64 roomId, qint64 senderId, const QString& clientMid) = 0;
    virtual std::optional<Event> event(qint64 roomId, qint64 seq) = 0;
    /// Ascending events with before < seq (newest page) or seq > after (oldest page first).
    virtual QList<Event> history(
        qint64 roomId, std::optional<qint64> before, std::optional<qint64> after, int limit) = 0;
    /// Blanks a deleted message's text in history.
    virtual void markDeleted(qint64 roomId, qint64 seq) = 0;
};

/// Full-text search over the current text of messages (migration 005 keeps the index in the
/// transaction of every send, edit and delete).
class SearchStore
{
public:
    virtual ~SearchStore() = default;
    /// Messages of the rooms `userId` is a member of (only `roomId` when set) whose current
    /// text holds every word of `query`, the last one as a prefix; newest first (ts, then
    /// seq). Deleted messages are not indexed; an edited one carries its latest edit's text.
    virtual QList<Event> search(
        qint64 userId, const SearchQuery& query, std::optional<qint64> roomId, int limit) = 0;
};

/// Uploaded files and the messages that reference them (the bytes are on disk, see
/// FileRepository).
class FileStore
{
public:
    virtual ~FileStore() = default;
    /// Inserts the row and returns its id.
    virtual qint64 createFile(const FileRecord& file) = 0;
    /// The file if `userId` uploaded it or is a member of a room with a message that
    /// references it; nullopt otherwise (no such file looks the same).
    virtual std::optional<FileRecord> visibleFile(qint64 fileId, qint64 userId) = 0;
    /// Bytes counted against the owner's quota: the sizes of its distinct contents.
    virtual qint64 storedBytes(qint64 ownerId) = 0;
    /// True when the owner already uploaded these bytes (another copy costs no quota).
    virtual bool ownsContent(qint64 ownerId, const QString& sha256) = 0;
    virtual void addReference(qint64 fileId, qint64 roomId, qint64 seq) = 0;
    /// Removes the references of one message (deleted: access through it ends).
    virtual void removeReferences(qint64 roomId, qint64 seq) = 0;
};

/// The audit log: who did what, from where. Rows are written inside the transaction of the
/// change they describe.
class AuditStore
{
public:
    virtual ~AuditStore() = default;
    virtual void record(const AuditRecord& entry) = 0;
    /// The newest `limit` rows with ts >= `sinceTs`, oldest first.
    virtual QList<AuditRecord> since(qint64 sinceTs, int limit) = 0;
};

/// What the admin commands (another process, same database) and the server's watcher of
/// their changes need beyond the request paths.
class AdminStore
{
public:
    virtual ~AdminStore() = default;
    virtual QList<UserSummary> listUsers() = 0;
    virtual void setDisabled(qint64 userId, bool disabled) = 0;
    virtual void setPasswordHash(qint64 userId, const QString& passwordHash) = 0;
    /// Deletes every session (token) of the user; returns how many there were.
    virtual qint64 revokeSessions(qint64 userId) = 0;
    virtual QList<RoomSummary> listRooms() = 0;
    /// Deletes the room with its members and events; false when there was no such room.
    virtual bool deleteRoom(qint64 roomId) = 0;

    virtual void noteAccountChange(const AccountChange& change) = 0;
    /// Changes with id > `afterId`, oldest first.
    virtual QList<AccountChange> accountChangesAfter(qint64 afterId, int limit) = 0;
    virtual qint64 lastAccountChangeId() = 0;
};

/// One connection's worth of storage plus transaction control.
class Store
{
public:
    virtual ~Store() = default;
    virtual UserStore& users() = 0;
    virtual RoomStore& rooms() = 0;
    virtual EventStore& events() = 0;
    virtual SearchStore& search() = 0;
    virtual AuditStore& audit() = 0;
    virtual AdminStore& admin() = 0;
    virtual FileStore& files() = 0;

    /// A write transaction (SQLite: BEGIN IMMEDIATE). Reads use beginRead().
    virtual void begin() = 0;
    virtual void beginRead() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    /// Savepoints isolate one request inside a batch.
    virtual void savepoint() = 0;
    virtual void releaseSavepoint() = 0;
    virtual void rollbackToSavepoint() = 0;
};

} // namespace palaver::server
