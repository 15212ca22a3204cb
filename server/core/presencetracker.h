#pragma once
#include "server/core/deadlinequeue.h"
#include "shared/objects/wireenums.h"

#include <optional>

namespace palaver::server {
class Fanout;
class RoomRoster;
class SessionRegistry;

/// A user's presence aggregated over its devices: online while any device is online, away
/// when every connected device said away, offline otherwise. Changes are pushed only to users
/// who share a room with the user. A last device that leaves starts a 2 s grace period, so a
/// quick reconnect shows no offline/online flap.
class PresenceTracker
{
public:
    PresenceTracker(const SessionRegistry& sessions, const RoomRoster& roster, const Fanout& fanout,
        qint64 graceMs = 2000);

    /// A device authenticated or changed its own status, or one of several devices left.
    void devicesChanged(qint64 userId);
    /// The user's last device left at `nowMs`.
    void lastDeviceGone(qint64 userId, qint64 nowMs);

    /// The status others see now (online during the grace period).
    PresenceStatus status(qint64 userId) const
    {
        return m_published.value(userId, PresenceStatus::Offline);
    }
    /// The last disconnect seen by this process, if any.
    std::optional<qint64> lastSeen(qint64 userId) const;

private:
    PresenceStatus aggregate(qint64 userId) const;
    void publish(qint64 userId, PresenceStatus status);
    void graceOver(qint64 userId);

    const SessionRegistry& m_sessions;
    const RoomRoster& m_roster;
    const Fanout& m_fanout;
    qint64 m_graceMs;
    QHash<qint64, PresenceStatus> m_published; ///< only users who are not offline
    QHash<qint64, qint64> m_lastSeen;
    DeadlineQueue<qint64> m_grace;
};

} // namespace palaver::server
