#pragma once
// One account's offline copy: rooms, members and their markers, the newest events of each
// room and the sync cursors. The outbox lives beside it (OutboxStore) in the same database.
#include "shared/objects/event.h"
#include "shared/objects/memberinfo.h"
#include "shared/objects/roominfo.h"

#include <QHash>
#include <QList>
#include <QString>
#include <memory>

namespace palaver::client {

class CacheDatabase;

/// Typed reads and writes of the account cache.
class LocalCache
{
public:
    /// Opens `folder`/cache.db, creating the folder and the schema as needed.
    explicit LocalCache(const QString& folder);
    ~LocalCache();

    bool isOpen() const;
    CacheDatabase& database() { return *m_db; }
    /// Newest seqs kept per room; older events are pruned and come from the server again.
    /// Large enough that a busy room scrolls offline for days, small enough that the file stays
    /// tens of MB: only the rows on screen are ever loaded into memory.
    static constexpr int kEventsPerRoom = 10000;

    QString meta(const QString& key) const;
    void setMeta(const QString& key, const QString& value);

    QList<RoomInfo> rooms() const;
    void saveRoom(const RoomInfo& room);
    /// Forgets the room and everything cached for it.
    void removeRoom(const QString& roomId);

    /// What saveEvents did with each event.
    struct SaveResult
    {
        QList<Event> added; ///< seqs not held before
        QList<Event> changed; ///< held before with different content (e.g. blanked by a delete)
    };
    /// Inserts events; held ones are replaced when `replace` (server copies win over local
    /// ones synthesised from an ack). One transaction for the batch.
    SaveResult saveEvents(const QList<Event>& events, bool replace = true);
    /// The newest `limit` events of a room, ascending by seq.
    QList<Event> latestEvents(const QString& roomId, int limit) const;
    /// Up to `limit` events with seq < `before`, ascending.
    QList<Event> eventsBefore(const QString& roomId, qint64 before, int limit) const;
    /// Up to `limit` events with seq > `after`, ascending.
    QList<Event> eventsAfter(const QString& roomId, qint64 after, int limit) const;
    std::optional<Event> event(const QString& roomId, qint64 seq) const;

    /// Every room's cursor (rooms without one are absent).
    QHash<QString, qint64> cursors() const;
    /// The room's cursor, or -1 when none is set.
    qint64 cursor(const QString& roomId) const;
    void setCursor(const QString& roomId, qint64 seq);
    /// Moves the cursor up over every held event that directly follows it; returns the result.
    qint64 advanceCursor(const QString& roomId);

    QList<MemberInfo> members(const QString& roomId) const;
    void saveMembers(const QString& roomId, const QList<MemberInfo>& members);
    /// Every member's read marker in a room.
    QHash<QString, qint64> markers(const QString& roomId) const;
    /// Raises a marker (never lowers it); false when it did not move.
    bool raiseMarker(const QString& roomId, const QString& userId, qint64 seq);

private:
    void pruneEvents(const QString& roomId);

    std::unique_ptr<CacheDatabase> m_db;
};

} // namespace palaver::client
