#pragma once
// The account's rooms and their events as the client knows them: in memory for the models,
// written through to the cache. Every change is announced, so models never poll.
#include "shared/objects/event.h"
#include "shared/objects/roominfo.h"

#include <QHash>
#include <QObject>

namespace palaver::client {

class LocalCache;

/// Where a batch of events came from; decides e.g. whether it may notify.
enum class EventOrigin {
    Live, ///< pushed while online
    Sync, ///< the catch-up after (re)connecting, including gap fills
    History, ///< older pages the user scrolled to
    Local, ///< built from an ack before the server's copy arrived
};

/// Rooms and events of one account.
class RoomStore : public QObject
{
    Q_OBJECT
public:
    explicit RoomStore(LocalCache& cache, QObject* parent = nullptr);

    /// Loads the cached rooms (before any network, so the UI shows them at once).
    void load();
    LocalCache& cache() { return m_cache; }

    void setOwnUserId(const QString& userId) { m_ownUserId = userId; }
    QString ownUserId() const { return m_ownUserId; }

    QList<RoomInfo> rooms() const { return m_rooms.values(); }
    bool contains(const QString& roomId) const { return m_rooms.contains(roomId); }
    /// The room, or a default RoomInfo with an empty id when unknown.
    RoomInfo room(const QString& roomId) const { return m_rooms.value(roomId); }

    /// Adds or replaces a room as the server described it.
    void upsertRoom(const RoomInfo& room);
    void removeRoom(const QString& roomId);
    /// Applies a badge push.
    void setBadge(const QString& roomId, qint64 unread, qint64 mentions);
    /// Moves the own read marker forward (never back).
    void raiseOwnMarker(const QString& roomId, qint64 seq);

    /// Stores events (deduplicated by room and seq) and announces the new and changed ones.
    /// Returns the events that were not held before.
    QList<Event> addEvents(const QList<Event>& events, EventOrigin origin);

Q_SIGNALS:
    void roomAdded(const QString& roomId);
    void roomChanged(const QString& roomId);
    void roomRemoved(const QString& roomId);
    /// Events of one room not held before, ascending by seq.
    void eventsAdded(const QString& roomId, const QList<palaver::Event>& events,
        palaver::client::EventOrigin origin);
    /// Held events whose content changed (the server's copy replaced a local one).
    void eventsChanged(const QString& roomId, const QList<palaver::Event>& events);

private:
    void applyToRoom(const Event& event);
    void blankDeletedTarget(const Event& deletion);

    LocalCache& m_cache;
    QHash<QString, RoomInfo> m_rooms;
    QString m_ownUserId;
};

} // namespace palaver::client
