#pragma once
// Where a timeline's next older page comes from: the cache while it joins on to what is
// shown, else the server's `history before`.
#include "shared/objects/event.h"

#include <QList>
#include <QPointer>
#include <QString>
#include <functional>

namespace palaver::client {

class HistoryFetcher;
class RoomStore;

/// Paging state of one timeline: the oldest seq loaded and whether the start is reached.
class TimelinePager
{
public:
    using Deliver = std::function<void(const QList<Event>& events)>;

    TimelinePager(const QString& roomId, RoomStore& rooms, HistoryFetcher& history, int pageSize);

    /// Records a loaded event (shown or folded into another).
    void noteLoaded(qint64 seq);
    /// Marks the room's first event as reached when seq 1 is loaded.
    void checkStart();
    /// Forgets what was loaded (the timeline replaced its window); `atStart` when the new
    /// window is known to begin at the room's first event.
    void reset(bool atStart = false);
    bool canFetchMore() const;
    /// Loads the next older page and hands it to `deliver`: at once from the cache, or later
    /// from the server (not at all when `context` is gone by then).
    void fetchMore(QObject* context, Deliver deliver);

private:
    QString m_roomId;
    RoomStore& m_rooms;
    HistoryFetcher& m_history;
    int m_pageSize;
    qint64 m_oldestSeq = 0; ///< 0 while nothing is loaded
    bool m_atStart = false;
    bool m_fetching = false;
    quint64 m_generation = 0; ///< bumped by reset(): pages asked for before it are dropped
};

} // namespace palaver::client
