#include "client/models/timelinepager.h"

#include "client/cache/localcache.h"
#include "client/sync/historyfetcher.h"
#include "client/sync/roomstore.h"

namespace palaver::client {

TimelinePager::TimelinePager(
    const QString& roomId, RoomStore& rooms, HistoryFetcher& history, int pageSize)
    : m_roomId(roomId)
    , m_rooms(rooms)
    , m_history(history)
    , m_pageSize(pageSize)
{ }

void TimelinePager::noteLoaded(qint64 seq)
{
    if (m_oldestSeq == 0 || seq < m_oldestSeq)
        m_oldestSeq = seq;
}

void TimelinePager::checkStart()
{
    m_atStart = m_atStart || m_oldestSeq == 1;
}

void TimelinePager::reset(bool atStart)
{
    m_oldestSeq = 0;
    m_atStart = atStart;
    m_fetching = false;
    ++m_generation;
}

bool TimelinePager::canFetchMore() const
{
    if (m_atStart || m_fetching)
        return false;
    return m_oldestSeq > 1 || (m_oldestSeq == 0 && m_rooms.room(m_roomId).lastSeq > 0);
}

void TimelinePager::fetchMore(QObject* context, Deliver deliver)
{
    if (!canFetchMore())
        return;
    const qint64 before = m_oldestSeq > 0 ? m_oldestSeq : m_rooms.room(m_roomId).lastSeq + 1;
    // Only the part of the cached page that joins on to what is shown: a hole in the cache
    // is filled from the server rather than shown as if nothing were missing.
    const QList<Event> page = m_rooms.cache().eventsBefore(m_roomId, before, m_pageSize);
    qsizetype keep = 0;
    for (qint64 expected = before - 1; keep < page.size(); ++keep, --expected) {
        if (page[page.size() - 1 - keep].seq != expected)
            break;
    }
    if (keep > 0) {
        deliver(page.mid(page.size() - keep));
        checkStart();
        return;
    }
    m_fetching = true;
    QPointer<QObject> alive(context);
    const quint64 generation = m_generation;
    m_history.fetchBefore(m_roomId, before, m_pageSize,
        [this, alive, generation, deliver](bool ok, bool hasMore, const QList<Event>& events) {
            if (!alive || generation != m_generation)
                return;
            m_fetching = false;
            if (!ok)
                return;
            deliver(events);
            if (!hasMore || events.isEmpty())
                m_atStart = true;
        });
}

} // namespace palaver::client
