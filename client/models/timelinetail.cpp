#include "client/models/timelinetail.h"

#include "client/cache/localcache.h"
#include "client/sync/historyfetcher.h"
#include "client/sync/roomstore.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace palaver::client {

TimelineTail::TimelineTail(
    const QString& roomId, RoomStore& rooms, HistoryFetcher& history, int pageSize)
    : m_roomId(roomId)
    , m_rooms(rooms)
    , m_history(history)
    , m_pageSize(pageSize)
{ }

void TimelineTail::noteLoaded(qint64 seq)
{
    m_newestSeq = std::max(m_newestSeq, seq);
}

bool TimelineTail::accepts(const Event& event) const
{
    // While detached only what the window already holds may change; newer events come in
    // through fetchNewer, in order, so the window never shows a hole.
    return !m_detached || event.seq <= m_newestSeq;
}

void TimelineTail::attach()
{
    m_detached = false;
    m_fetching = false;
    m_newestSeq = 0;
    ++m_generation;
}

bool TimelineTail::attachIfCaughtUp(bool force)
{
    if (m_detached && (force || m_newestSeq >= m_rooms.room(m_roomId).lastSeq)) {
        m_detached = false;
        return true;
    }
    return false;
}

void TimelineTail::detach(qint64 newest)
{
    m_detached = true;
    m_fetching = false;
    m_newestSeq = newest;
}

void TimelineTail::fetchAround(qint64 seq, QObject* context, DeliverAround deliver)
{
    const quint64 generation = ++m_generation;
    // history takes `before` or `after`, not both: two requests, joined when both are in.
    struct Join
    {
        QList<Event> before;
        QList<Event> after;
        bool moreBefore = false;
        int pending = 2;
        bool failed = false;
    };
    auto join = std::make_shared<Join>();
    QPointer<QObject> alive(context);
    const auto finish = [this, alive, generation, join, deliver] {
        if (--join->pending > 0 || !alive || generation != m_generation)
            return;
        // A failed half still leaves the target's side of the window to show.
        deliver(join->before + join->after, join->moreBefore || join->failed);
    };
    const int half = std::max(1, m_pageSize / 2);
    m_history.fetchBefore(
        m_roomId, seq + 1, half, [join, finish](bool ok, bool hasMore, const QList<Event>& events) {
            join->before = events;
            join->moreBefore = hasMore;
            join->failed = join->failed || !ok;
            finish();
        });
    m_history.fetchAfter(
        m_roomId, seq, half,
        [join, finish](bool ok, bool, const QList<Event>& events) {
            join->after = events;
            join->failed = join->failed || !ok;
            finish();
        },
        EventOrigin::History);
}

QList<Event> TimelineTail::cachedNext() const
{
    const QList<Event> page = m_rooms.cache().eventsAfter(m_roomId, m_newestSeq, m_pageSize);
    qsizetype keep = 0;
    for (qint64 expected = m_newestSeq + 1; keep < page.size(); ++keep, ++expected) {
        if (page[keep].seq != expected)
            break;
    }
    return page.first(keep);
}

void TimelineTail::fetchNewer(QObject* context, Deliver deliver)
{
    if (!canFetchNewer())
        return;
    const QList<Event> cached = cachedNext();
    if (!cached.isEmpty()) {
        deliver(cached);
        return;
    }
    m_fetching = true;
    QPointer<QObject> alive(context);
    const quint64 generation = m_generation;
    m_history.fetchAfter(
        m_roomId, m_newestSeq, m_pageSize,
        [this, alive, generation, deliver](bool ok, bool, const QList<Event>& events) {
            if (!alive || generation != m_generation)
                return;
            m_fetching = false;
            if (ok)
                deliver(events);
        },
        EventOrigin::History);
}

} // namespace palaver::client
