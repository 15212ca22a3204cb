#include "client/sync/roomstore.h"

#include "client/cache/localcache.h"

#include <QMap>

namespace palaver::client {

RoomStore::RoomStore(LocalCache& cache, QObject* parent)
    : QObject(parent)
    , m_cache(cache)
{ }

void RoomStore::load()
{
    for (const RoomInfo& room : m_cache.rooms()) {
        m_rooms.insert(room.id, room);
        Q_EMIT roomAdded(room.id);
    }
}

void RoomStore::upsertRoom(const RoomInfo& room)
{
    const bool known = m_rooms.contains(room.id);
    RoomInfo merged = room;
    if (known) {
        const RoomInfo& old = m_rooms[room.id];
        // A room answer can be older than pushes already applied (reads run in parallel on
        // the server), so the newest event and the own marker never move back.
        if (old.lastSeq > merged.lastSeq) {
            merged.lastSeq = old.lastSeq;
            merged.lastEvent = old.lastEvent;
        }
        if (!merged.lastEvent && old.lastEvent && old.lastEvent->seq == merged.lastSeq)
            merged.lastEvent = old.lastEvent;
        if (merged.self && old.self && old.self->lastReadSeq > merged.self->lastReadSeq)
            merged.self->lastReadSeq = old.self->lastReadSeq;
        if (merged == old)
            return;
    }
    m_rooms.insert(room.id, merged);
    m_cache.saveRoom(merged);
    if (known)
        Q_EMIT roomChanged(room.id);
    else
        Q_EMIT roomAdded(room.id);
}

void RoomStore::removeRoom(const QString& roomId)
{
    if (!m_rooms.remove(roomId))
        return;
    m_cache.removeRoom(roomId);
    Q_EMIT roomRemoved(roomId);
}

void RoomStore::setBadge(const QString& roomId, qint64 unread, qint64 mentions)
{
    auto it = m_rooms.find(roomId);
    if (it == m_rooms.end())
        return;
    RoomMembership self = it->self.value_or(RoomMembership {});
    if (self.unread == unread && self.mentions == mentions)
        return;
    self.unread = unread;
    self.mentions = mentions;
    it->self = self;
    m_cache.saveRoom(*it);
    Q_EMIT roomChanged(roomId);
}

void RoomStore::raiseOwnMarker(const QString& roomId, qint64 seq)
{
    auto it = m_rooms.find(roomId);
    if (it == m_rooms.end())
        return;
    RoomMembership self = it->self.value_or(RoomMembership {});
    if (seq <= self.lastReadSeq)
        return;
    self.lastReadSeq = seq;
    it->self = self;
    m_cache.saveRoom(*it);
    Q_EMIT roomChanged(roomId);
}

QList<Event> RoomStore::addEvents(const QList<Event>& events, EventOrigin origin)
{
    if (events.isEmpty())
        return {};
    const LocalCache::SaveResult saved = m_cache.saveEvents(events, origin != EventOrigin::Local);
    // Group per room, ascending, so each listener gets one ordered batch per room.
    QMap<QString, QMap<qint64, Event>> added;
    for (const Event& event : saved.added) {
        added[event.room].insert(event.seq, event);
        if (event.kind == EventKind::Delete)
            blankDeletedTarget(event);
    }
    QMap<QString, QList<Event>> changed;
    for (const Event& event : saved.changed)
        changed[event.room].append(event);
    QList<Event> result;
    for (auto it = added.cbegin(); it != added.cend(); ++it) {
        const QList<Event> batch = it->values();
        applyToRoom(batch.last());
        result += batch;
        Q_EMIT eventsAdded(it.key(), batch, origin);
    }
    for (auto it = changed.cbegin(); it != changed.cend(); ++it)
        Q_EMIT eventsChanged(it.key(), *it);
    return result;
}

void RoomStore::applyToRoom(const Event& event)
{
    auto it = m_rooms.find(event.room);
    if (it == m_rooms.end() || event.seq < it->lastSeq)
        return;
    if (it->lastEvent && it->lastEvent->seq == event.seq)
        return;
    it->lastSeq = event.seq;
    it->lastEvent = event;
    m_cache.saveRoom(*it);
    Q_EMIT roomChanged(event.room);
}

void RoomStore::blankDeletedTarget(const Event& deletion)
{
    // The server blanks a deleted message in history; the cache does the same, so a deleted
    // text does not linger on disk.
    std::optional<Event> target = m_cache.event(deletion.room, deletion.target);
    if (!target || target->deleted)
        return;
    target->deleted = true;
    target->text.clear();
    target->mentions.clear();
    m_cache.saveEvents({*target}, true);
}

} // namespace palaver::client
