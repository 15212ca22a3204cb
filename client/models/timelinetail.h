#pragma once
// The newer end of a timeline's window. Normally the window reaches the room's newest event
// and live events join it; after a jump to an older message it is "detached": it ends before
// the newest event, live events wait in the cache, and scrolling down pages forward until the
// window reaches the newest event again and rejoins the live tail.
#include "shared/objects/event.h"

#include <QList>
#include <QString>
#include <functional>

class QObject;

namespace palaver::client {

class HistoryFetcher;
class RoomStore;

/// Forward paging and the live/detached state of one timeline.
class TimelineTail
{
public:
    using Deliver = std::function<void(const QList<Event>& events)>;
    /// The window around a jump target: events ascending, and whether older ones exist.
    using DeliverAround = std::function<void(const QList<Event>& events, bool moreBefore)>;

    TimelineTail(const QString& roomId, RoomStore& rooms, HistoryFetcher& history, int pageSize);

    /// Records a loaded event (shown or folded into another).
    void noteLoaded(qint64 seq);
    /// The newest seq in the window (0 while empty).
    qint64 newestSeq() const { return m_newestSeq; }
    /// True while the window ends before the room's newest event.
    bool isDetached() const { return m_detached; }
    /// Whether a live event (push, sync, ack) belongs in the window now.
    bool accepts(const Event& event) const;
    /// Back to a window that holds the newest events (after loading the latest page).
    void attach();
    /// Ends the detached state when the window reached the room's newest event (or `force`:
    /// the server said nothing newer exists); true if it ended now.
    bool attachIfCaughtUp(bool force = false);

    /// Asks the server for about a page around `seq` (the message itself included) and
    /// hands it to `deliver`; a later jump drops an earlier one's answers.
    void fetchAround(qint64 seq, QObject* context, DeliverAround deliver);
    /// Starts a new detached window ending at `newest` (the window was replaced).
    void detach(qint64 newest);

    bool canFetchNewer() const { return m_detached && !m_fetching; }
    /// Loads the next newer page: the part of the cache that joins on, else `history after`.
    void fetchNewer(QObject* context, Deliver deliver);

private:
    /// Cached events directly after the window (no hole), up to a page.
    QList<Event> cachedNext() const;

    QString m_roomId;
    RoomStore& m_rooms;
    HistoryFetcher& m_history;
    int m_pageSize;
    qint64 m_newestSeq = 0;
    bool m_detached = false;
    bool m_fetching = false;
    quint64 m_generation = 0; ///< bumped per jump and attach: older answers are dropped
};

} // namespace palaver::client
