#pragma once
#include "server/core/deadlinequeue.h"

#include <QHash>
#include <functional>
#include <map>

namespace palaver::server {

/// Hands each room's committed events to delivery exactly once and in seq order, wherever they
/// were committed. Seqs are gapless in the database, so a seq that arrives early (another
/// node's push overtook this node's own commit, or a push was lost) is held until the ones
/// before it arrive; a gap that lasts `gapWaitMs` is reported, and whoever fills it reads the
/// missing events from the database (history is the truth, pushes are the fast path).
/// On one node events arrive in commit order and nothing is ever held.
class RoomSequencer
{
public:
    using Action = std::function<void()>;
    /// Asked to offer the events of `roomId` after `delivered` (a database read).
    using GapHandler = std::function<void(qint64 roomId, qint64 delivered)>;

    explicit RoomSequencer(GapHandler gap, qint64 gapWaitMs = 250);

    /// The last seq of every room at start: what has been delivered before this process.
    void load(const QHash<qint64, qint64>& lastSeqs);
    /// Delivers `action` for seqs first..last of the room in its turn. Seqs already delivered
    /// are duplicates (a gap filled from the database, then the late push): dropped.
    /// An item with no seq (last < first: a room created, no event yet) runs at once.
    void offer(qint64 roomId, qint64 first, qint64 last, Action action);
    /// Runs `action` once the room has been delivered up to `seq` (a read marker at `seq`
    /// must not pass the message it marks).
    void after(qint64 roomId, qint64 seq, Action action);
    /// The database says the room has reached `lastSeq`: anything missing is a gap now.
    void noteHead(qint64 roomId, qint64 lastSeq);
    /// A fill for the room has ended (whatever it found); if the room is still behind, the
    /// next attempt is scheduled.
    void fillDone(qint64 roomId);
    /// A deleted room.
    void forget(qint64 roomId);

    qint64 delivered(qint64 roomId) const { return m_delivered.value(roomId, 0); }
    /// Rooms with something held or awaited.
    qsizetype roomsBehind() const { return m_pending.size(); }
    quint64 heldTotal() const { return m_heldTotal; }
    quint64 gapsReported() const { return m_gapsReported; }

private:
    struct Held
    {
        qint64 last;
        Action action;
    };
    struct Pending
    {
        std::map<qint64, Held> held; ///< by first seq
        std::multimap<qint64, Action> waiters; ///< by the seq they wait for
        qint64 wanted = 0; ///< the highest seq known to exist
        bool filling = false;
    };
    void drain(qint64 roomId);
    void want(qint64 roomId, qint64 seq);
    void gapTimeout(qint64 roomId);
    /// Marks the room as being filled and asks for the events after what was delivered.
    void reportGap(qint64 roomId);

    GapHandler m_gap;
    qint64 m_gapWaitMs;
    QHash<qint64, qint64> m_delivered;
    QHash<qint64, Pending> m_pending; ///< only rooms that are behind
    DeadlineQueue<qint64> m_gapTimers;
    quint64 m_heldTotal = 0;
    quint64 m_gapsReported = 0;
};

} // namespace palaver::server
