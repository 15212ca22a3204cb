#pragma once
#include "server/core/deadlinequeue.h"

#include <QHash>
#include <QPair>
#include <QString>
#include <functional>

namespace palaver::server {
class Fanout;
class RoomRoster;
class Session;

/// Who is typing where. A state ends 6 s after its last refresh, on a message from that user
/// in that room, or when the user's last device leaves, each time with an `active:false` push.
/// With several nodes, the node of the typing device announces its starts and stops; every
/// node keeps each state with a deadline of its own, so a state still ends when the node that
/// started it dies.
class TypingTracker
{
public:
    TypingTracker(const RoomRoster& roster, const Fanout& fanout, qint64 timeoutMs = 6000);

    /// Told to the other nodes: a state this node's devices started or ended.
    using Announce = std::function<void(qint64 roomId, qint64 userId, bool active)>;
    void setAnnounce(Announce announce) { m_announce = std::move(announce); }

    /// `typing {active:true}` from `from`: pushed to the other members and the user's other
    /// devices; each refresh restarts the timeout.
    void refresh(qint64 roomId, qint64 userId, const Session* from);
    /// `typing {active:false}` from `from`, which hears nothing.
    void stopFrom(qint64 roomId, qint64 userId, const Session* from);
    /// Ends the state if there is one: the user's message was delivered (every node sees the
    /// message, so nobody announces this).
    void stop(qint64 roomId, qint64 userId);
    /// The user's last device on this node disconnected: every state it started ends.
    void userGone(qint64 userId);

    /// Another node's announcement.
    void remote(const QString& node, qint64 roomId, qint64 userId, bool active);
    /// A node stopped answering (or sent its full state anew): its states end.
    void nodeGone(const QString& node);
    /// The states this node's devices hold, for a snapshot.
    QList<QPair<qint64, qint64>> localStates() const;

    qsizetype activeCount() const { return m_origin.size(); }
    bool isActive(qint64 roomId, qint64 userId) const
    {
        return m_origin.contains({roomId, userId});
    }

private:
    using Key = QPair<qint64, qint64>; // room, user
    /// Ends the state; true when there was one.
    bool end(const Key& key, const Session* except);
    void expired(const Key& key);
    void push(qint64 roomId, qint64 userId, bool active, const Session* except);

    const RoomRoster& m_roster;
    const Fanout& m_fanout;
    qint64 m_timeoutMs;
    DeadlineQueue<Key> m_active;
    QHash<Key, QString> m_origin; ///< the node that started each state; empty: this one
    Announce m_announce;
};

} // namespace palaver::server
