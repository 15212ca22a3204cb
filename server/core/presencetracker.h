#pragma once
#include "server/core/deadlinequeue.h"
#include "shared/objects/wireenums.h"

#include <functional>
#include <optional>

namespace palaver::server {
class Fanout;
class RoomRoster;
class SessionRegistry;

/// A user's presence aggregated over its devices: online while any device is online, away
/// when every connected device said away, offline otherwise. Changes are pushed only to users
/// who share a room with the user. A last device that leaves starts a 2 s grace period, so a
/// quick reconnect shows no offline/online flap.
/// With several nodes, each node aggregates its own devices, announces the result, and merges
/// what the other nodes announce: online while a device anywhere is online.
class PresenceTracker
{
public:
    PresenceTracker(const SessionRegistry& sessions, const RoomRoster& roster, const Fanout& fanout,
        qint64 graceMs = 2000);

    /// A device authenticated or changed its own status, or one of several devices left.
    void devicesChanged(qint64 userId);
    /// The user's last device left at `nowMs`.
    void lastDeviceGone(qint64 userId, qint64 nowMs);

    /// This node's own status of a user changed (the cluster link tells the other nodes).
    using Announce = std::function<void(qint64 userId, PresenceStatus local, qint64 lastSeen)>;
    void setAnnounce(Announce announce) { m_announce = std::move(announce); }

    /// Another node's status of a user (offline: none of its devices is left).
    void remoteChanged(const QString& node, qint64 userId, PresenceStatus status, qint64 lastSeen);
    /// Everything another node holds (users not listed are offline there).
    void remoteSnapshot(const QString& node, const QHash<qint64, PresenceStatus>& statuses);
    /// A node stopped answering: its devices count as gone now.
    void nodeGone(const QString& node, qint64 nowMs);
    /// The users this node's devices keep online or away.
    const QHash<qint64, PresenceStatus>& localStatuses() const { return m_local; }

    /// The status others see now (online during the grace period).
    PresenceStatus status(qint64 userId) const
    {
        return m_published.value(userId, PresenceStatus::Offline);
    }
    /// The last disconnect seen by this process, if any.
    std::optional<qint64> lastSeen(qint64 userId) const;

private:
    PresenceStatus aggregate(qint64 userId) const;
    /// This node's status of the user is now `status`.
    void setLocal(qint64 userId, PresenceStatus status);
    /// Pushes the merged status if it differs from what was pushed last.
    void recompute(qint64 userId);
    void push(qint64 userId, PresenceStatus status);
    void graceOver(qint64 userId);

    const SessionRegistry& m_sessions;
    const RoomRoster& m_roster;
    const Fanout& m_fanout;
    qint64 m_graceMs;
    QHash<qint64, PresenceStatus> m_published; ///< merged; only users who are not offline
    QHash<qint64, PresenceStatus> m_local; ///< this node's devices; only users not offline
    QHash<QString, QHash<qint64, PresenceStatus>> m_remote; ///< by node; only not offline
    Announce m_announce;
    QHash<qint64, qint64> m_lastSeen;
    DeadlineQueue<qint64> m_grace;
};

} // namespace palaver::server
