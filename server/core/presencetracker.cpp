#include "server/core/presencetracker.h"

#include "server/core/fanout.h"
#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/core/wireid.h"
#include "server/net/session.h"
#include "server/net/websocketframes.h"
#include "shared/framecodec.h"

namespace palaver::server {

PresenceTracker::PresenceTracker(
    const SessionRegistry& sessions, const RoomRoster& roster, const Fanout& fanout, qint64 graceMs)
    : m_sessions(sessions)
    , m_roster(roster)
    , m_fanout(fanout)
    , m_graceMs(graceMs)
    , m_grace([this](const qint64& userId) { graceOver(userId); })
{ }

PresenceStatus PresenceTracker::aggregate(qint64 userId) const
{
    const QList<Session*>& devices = m_sessions.sessionsOf(userId);
    if (devices.isEmpty())
        return PresenceStatus::Offline;
    for (const Session* s : devices) {
        if (s->presence() == PresenceStatus::Online)
            return PresenceStatus::Online;
    }
    return PresenceStatus::Away;
}

void PresenceTracker::devicesChanged(qint64 userId)
{
    if (m_sessions.sessionsOf(userId).isEmpty())
        return; // the last device left: lastDeviceGone decides
    m_grace.cancel(userId);
    const PresenceStatus now = aggregate(userId);
    if (now != status(userId))
        publish(userId, now);
}

void PresenceTracker::lastDeviceGone(qint64 userId, qint64 nowMs)
{
    m_lastSeen.insert(userId, nowMs);
    m_grace.schedule(userId, m_graceMs);
}

void PresenceTracker::graceOver(qint64 userId)
{
    if (m_sessions.sessionsOf(userId).isEmpty() && status(userId) != PresenceStatus::Offline)
        publish(userId, PresenceStatus::Offline);
}

std::optional<qint64> PresenceTracker::lastSeen(qint64 userId) const
{
    const auto it = m_lastSeen.constFind(userId);
    return it == m_lastSeen.cend() ? std::nullopt : std::optional(*it);
}

void PresenceTracker::publish(qint64 userId, PresenceStatus status)
{
    if (status == PresenceStatus::Offline)
        m_published.remove(userId);
    else
        m_published.insert(userId, status);
    PresencePush push {toWireId(userId), status, std::nullopt};
    if (status == PresenceStatus::Offline)
        push.lastSeen = lastSeen(userId);
    // The audience is everyone who shares a room with the user (the user's own devices too),
    // each once: the cost follows the users who see the change, never all users.
    QSet<qint64> audience;
    for (const qint64 roomId : m_roster.roomsOf(userId)) {
        const RoomRoster::Members& members = m_roster.membersOf(roomId);
        for (auto it = members.cbegin(); it != members.cend(); ++it)
            audience.insert(it.key());
    }
    const QByteArray wireFrame = ws::encodeText(encodePush(push));
    for (const qint64 member : std::as_const(audience))
        m_fanout.toUserFramed(member, wireFrame);
}

} // namespace palaver::server
