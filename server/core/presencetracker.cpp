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
    setLocal(userId, aggregate(userId));
}

void PresenceTracker::lastDeviceGone(qint64 userId, qint64 nowMs)
{
    m_lastSeen.insert(userId, nowMs);
    m_grace.schedule(userId, m_graceMs);
}

void PresenceTracker::graceOver(qint64 userId)
{
    if (m_sessions.sessionsOf(userId).isEmpty())
        setLocal(userId, PresenceStatus::Offline);
}

std::optional<qint64> PresenceTracker::lastSeen(qint64 userId) const
{
    const auto it = m_lastSeen.constFind(userId);
    return it == m_lastSeen.cend() ? std::nullopt : std::optional(*it);
}

void PresenceTracker::setLocal(qint64 userId, PresenceStatus status)
{
    if (status == m_local.value(userId, PresenceStatus::Offline))
        return;
    if (status == PresenceStatus::Offline)
        m_local.remove(userId);
    else
        m_local.insert(userId, status);
    if (m_announce)
        m_announce(userId, status, lastSeen(userId).value_or(0));
    recompute(userId);
}

void PresenceTracker::remoteChanged(
    const QString& node, qint64 userId, PresenceStatus status, qint64 lastSeen)
{
    if (lastSeen > m_lastSeen.value(userId, 0))
        m_lastSeen.insert(userId, lastSeen);
    auto& statuses = m_remote[node];
    if (status == PresenceStatus::Offline)
        statuses.remove(userId);
    else
        statuses.insert(userId, status);
    recompute(userId);
}

void PresenceTracker::remoteSnapshot(
    const QString& node, const QHash<qint64, PresenceStatus>& statuses)
{
    QSet<qint64> affected;
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
        affected.insert(it.key());
    const QHash<qint64, PresenceStatus> before = std::exchange(m_remote[node], statuses);
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        affected.insert(it.key());
    for (const qint64 userId : std::as_const(affected))
        recompute(userId);
}

void PresenceTracker::nodeGone(const QString& node, qint64 nowMs)
{
    const QHash<qint64, PresenceStatus> gone = m_remote.take(node);
    for (auto it = gone.cbegin(); it != gone.cend(); ++it) {
        m_lastSeen.insert(it.key(), nowMs);
        recompute(it.key());
    }
}

void PresenceTracker::recompute(qint64 userId)
{
    // online beats away beats offline, over this node and every other.
    PresenceStatus merged = m_local.value(userId, PresenceStatus::Offline);
    for (auto node = m_remote.cbegin(); node != m_remote.cend() && merged != PresenceStatus::Online;
         ++node) {
        const PresenceStatus there = node->value(userId, PresenceStatus::Offline);
        if (there == PresenceStatus::Online || merged == PresenceStatus::Offline)
            merged = there == PresenceStatus::Offline ? merged : there;
    }
    if (merged != status(userId))
        push(userId, merged);
}

void PresenceTracker::push(qint64 userId, PresenceStatus status)
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
