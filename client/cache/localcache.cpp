#include "client/cache/localcache.h"

#include "client/cache/cachedatabase.h"
#include "client/cache/storedobject.h"

#include <QDir>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
QList<Event> readEvents(QSqlQuery& q)
{
    QList<Event> events;
    while (q.next()) {
        if (auto event = fromStoredText<Event>(q.value(0).toString()))
            events.append(std::move(*event));
    }
    return events;
}
} // namespace

LocalCache::LocalCache(const QString& folder)
{
    QDir().mkpath(folder);
    m_db = std::make_unique<CacheDatabase>(QDir(folder).filePath(u"cache.db"_s));
}

LocalCache::~LocalCache() = default;

bool LocalCache::isOpen() const
{
    return m_db->isOpen();
}

QString LocalCache::meta(const QString& key) const
{
    QSqlQuery q = m_db->query(u"SELECT value FROM meta WHERE key = ?"_s, {key});
    return q.next() ? q.value(0).toString() : QString();
}

void LocalCache::setMeta(const QString& key, const QString& value)
{
    m_db->run(u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s, {key, value});
}

QList<RoomInfo> LocalCache::rooms() const
{
    QList<RoomInfo> rooms;
    QSqlQuery q = m_db->query(u"SELECT object FROM rooms ORDER BY id"_s);
    while (q.next()) {
        if (auto room = fromStoredText<RoomInfo>(q.value(0).toString()))
            rooms.append(std::move(*room));
    }
    return rooms;
}

void LocalCache::saveRoom(const RoomInfo& room)
{
    m_db->run(u"INSERT OR REPLACE INTO rooms (id, object) VALUES (?, ?)"_s,
        {room.id, toStoredText(room)});
}

void LocalCache::removeRoom(const QString& roomId)
{
    m_db->begin();
    m_db->run(u"DELETE FROM rooms WHERE id = ?"_s, {roomId});
    m_db->run(u"DELETE FROM events WHERE room = ?"_s, {roomId});
    m_db->run(u"DELETE FROM members WHERE room = ?"_s, {roomId});
    m_db->run(u"DELETE FROM markers WHERE room = ?"_s, {roomId});
    m_db->run(u"DELETE FROM cursors WHERE room = ?"_s, {roomId});
    m_db->commit();
}

LocalCache::SaveResult LocalCache::saveEvents(const QList<Event>& events, bool replace)
{
    SaveResult result;
    QSet<QString> rooms;
    m_db->begin();
    for (const Event& event : events) {
        const QString text = toStoredText(event);
        QSqlQuery insert =
            m_db->query(u"INSERT OR IGNORE INTO events (room, seq, object) VALUES (?, ?, ?)"_s,
                {event.room, event.seq, text});
        if (insert.numRowsAffected() > 0) {
            result.added.append(event);
            rooms.insert(event.room);
            continue;
        }
        if (!replace)
            continue;
        QSqlQuery update = m_db->query(
            u"UPDATE events SET object = ? WHERE room = ? AND seq = ? AND object <> ?"_s,
            {text, event.room, event.seq, text});
        if (update.numRowsAffected() > 0)
            result.changed.append(event);
    }
    for (const QString& room : std::as_const(rooms))
        pruneEvents(room);
    m_db->commit();
    return result;
}

void LocalCache::pruneEvents(const QString& roomId)
{
    // By seq, not by row count: one index probe instead of an OFFSET walk over the cap, and a
    // room's window is the same whatever holes the cache has.
    m_db->run(u"DELETE FROM events WHERE room = ? AND seq <= (SELECT MAX(seq) FROM events "
              u"WHERE room = ?) - ?"_s,
        {roomId, roomId, kEventsPerRoom});
}

QList<Event> LocalCache::latestEvents(const QString& roomId, int limit) const
{
    QSqlQuery q = m_db->query(u"SELECT object FROM (SELECT object, seq FROM events WHERE room = ? "
                              u"ORDER BY seq DESC LIMIT ?) ORDER BY seq"_s,
        {roomId, limit});
    return readEvents(q);
}

QList<Event> LocalCache::eventsBefore(const QString& roomId, qint64 before, int limit) const
{
    QSqlQuery q = m_db->query(u"SELECT object FROM (SELECT object, seq FROM events WHERE room = ? "
                              u"AND seq < ? ORDER BY seq DESC LIMIT ?) ORDER BY seq"_s,
        {roomId, before, limit});
    return readEvents(q);
}

QList<Event> LocalCache::eventsAfter(const QString& roomId, qint64 after, int limit) const
{
    QSqlQuery q =
        m_db->query(u"SELECT object FROM events WHERE room = ? AND seq > ? ORDER BY seq LIMIT ?"_s,
            {roomId, after, limit});
    return readEvents(q);
}

std::optional<Event> LocalCache::event(const QString& roomId, qint64 seq) const
{
    QSqlQuery q =
        m_db->query(u"SELECT object FROM events WHERE room = ? AND seq = ?"_s, {roomId, seq});
    const QList<Event> events = readEvents(q);
    return events.isEmpty() ? std::nullopt : std::optional(events.first());
}

QHash<QString, qint64> LocalCache::cursors() const
{
    QHash<QString, qint64> cursors;
    QSqlQuery q = m_db->query(u"SELECT room, seq FROM cursors"_s);
    while (q.next())
        cursors.insert(q.value(0).toString(), q.value(1).toLongLong());
    return cursors;
}

qint64 LocalCache::cursor(const QString& roomId) const
{
    QSqlQuery q = m_db->query(u"SELECT seq FROM cursors WHERE room = ?"_s, {roomId});
    return q.next() ? q.value(0).toLongLong() : -1;
}

void LocalCache::setCursor(const QString& roomId, qint64 seq)
{
    m_db->run(u"INSERT OR REPLACE INTO cursors (room, seq) VALUES (?, ?)"_s, {roomId, seq});
}

qint64 LocalCache::advanceCursor(const QString& roomId)
{
    qint64 cursor = this->cursor(roomId);
    if (cursor < 0)
        return cursor;
    const qint64 start = cursor;
    QSqlQuery q = m_db->query(
        u"SELECT seq FROM events WHERE room = ? AND seq > ? ORDER BY seq"_s, {roomId, cursor});
    while (q.next() && q.value(0).toLongLong() == cursor + 1)
        ++cursor;
    if (cursor != start)
        setCursor(roomId, cursor);
    return cursor;
}

QList<MemberInfo> LocalCache::members(const QString& roomId) const
{
    QList<MemberInfo> members;
    QSqlQuery q = m_db->query(u"SELECT object FROM members WHERE room = ?"_s, {roomId});
    while (q.next()) {
        if (auto member = fromStoredText<MemberInfo>(q.value(0).toString()))
            members.append(std::move(*member));
    }
    return members;
}

void LocalCache::saveMembers(const QString& roomId, const QList<MemberInfo>& members)
{
    m_db->begin();
    m_db->run(u"DELETE FROM members WHERE room = ?"_s, {roomId});
    for (const MemberInfo& member : members) {
        m_db->run(u"INSERT INTO members (room, user, object) VALUES (?, ?, ?)"_s,
            {roomId, member.user, toStoredText(member)});
    }
    m_db->commit();
}

QHash<QString, qint64> LocalCache::markers(const QString& roomId) const
{
    QHash<QString, qint64> markers;
    QSqlQuery q = m_db->query(u"SELECT user, seq FROM markers WHERE room = ?"_s, {roomId});
    while (q.next())
        markers.insert(q.value(0).toString(), q.value(1).toLongLong());
    return markers;
}

bool LocalCache::raiseMarker(const QString& roomId, const QString& userId, qint64 seq)
{
    // Upsert that only ever raises: a late receipt must not move a marker back.
    QSqlQuery q = m_db->query(u"INSERT INTO markers (room, user, seq) VALUES (?, ?, ?) "
                              u"ON CONFLICT (room, user) DO UPDATE SET seq = excluded.seq "
                              u"WHERE excluded.seq > markers.seq"_s,
        {roomId, userId, seq});
    return q.numRowsAffected() > 0;
}

} // namespace palaver::client
