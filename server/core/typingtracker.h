#pragma once
#include "server/core/deadlinequeue.h"

#include <QPair>

namespace palaver::server {
class Fanout;
class RoomRoster;
class Session;

/// Who is typing where. A state ends 6 s after its last refresh, on a message from that user
/// in that room, or when the user's last device leaves, each time with an `active:false` push.
class TypingTracker
{
public:
    TypingTracker(const RoomRoster& roster, const Fanout& fanout, qint64 timeoutMs = 6000);

    /// `typing {active:true}` from `from`: pushed to the other members and the user's other
    /// devices; each refresh restarts the timeout.
    void refresh(qint64 roomId, qint64 userId, const Session* from);
    /// Ends the state if there is one (typing false, a message sent); `from` hears nothing.
    void stop(qint64 roomId, qint64 userId, const Session* from = nullptr);
    /// The user's last device disconnected: every state of the user ends.
    void userGone(qint64 userId);

    qsizetype activeCount() const { return m_active.size(); }

private:
    using Key = QPair<qint64, qint64>; // room, user
    void push(qint64 roomId, qint64 userId, bool active, const Session* except);

    const RoomRoster& m_roster;
    const Fanout& m_fanout;
    qint64 m_timeoutMs;
    DeadlineQueue<Key> m_active;
};

} // namespace palaver::server
