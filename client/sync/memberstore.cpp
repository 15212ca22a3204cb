#include "client/sync/memberstore.h"

#include "client/cache/localcache.h"

namespace palaver::client {

MemberStore::MemberStore(LocalCache& cache, QObject* parent)
    : QObject(parent)
    , m_cache(cache)
{ }

QList<MemberInfo>& MemberStore::loaded(const QString& roomId) const
{
    auto it = m_members.find(roomId);
    if (it == m_members.end()) {
        it = m_members.insert(roomId, m_cache.members(roomId));
        for (const MemberInfo& member : std::as_const(*it))
            m_names.insert(member.user, member.displayName);
    }
    return *it;
}

QList<MemberInfo> MemberStore::members(const QString& roomId) const
{
    QList<MemberInfo> members = loaded(roomId);
    // Presence changes after the answer arrive as pushes; show the newest.
    for (MemberInfo& member : members) {
        if (m_presence.contains(member.user)) {
            member.presence = m_presence.value(member.user);
            member.lastSeen = m_lastSeen.value(member.user);
        }
    }
    return members;
}

bool MemberStore::hasMembers(const QString& roomId) const
{
    return !loaded(roomId).isEmpty();
}

void MemberStore::setMembers(const QString& roomId, const QList<MemberInfo>& members)
{
    loaded(roomId) = members;
    m_cache.saveMembers(roomId, members);
    for (const MemberInfo& member : members) {
        m_names.insert(member.user, member.displayName);
        m_presence.insert(member.user, member.presence);
        m_lastSeen.insert(member.user, member.lastSeen);
        raiseMarker(roomId, member.user, member.lastReadSeq);
    }
    Q_EMIT membersChanged(roomId);
}

void MemberStore::removeRoom(const QString& roomId)
{
    m_members.remove(roomId);
    m_markers.remove(roomId);
}

QHash<QString, qint64> MemberStore::markers(const QString& roomId) const
{
    auto it = m_markers.find(roomId);
    if (it == m_markers.end())
        it = m_markers.insert(roomId, m_cache.markers(roomId));
    return *it;
}

void MemberStore::raiseMarker(const QString& roomId, const QString& userId, qint64 seq)
{
    markers(roomId); // loads the cached ones first, so a lower receipt cannot win
    qint64& marker = m_markers[roomId][userId];
    if (seq <= marker)
        return;
    marker = seq;
    m_cache.raiseMarker(roomId, userId, seq);
    Q_EMIT markerRaised(roomId, userId, seq);
}

void MemberStore::setPresence(
    const QString& userId, PresenceStatus status, std::optional<qint64> lastSeen)
{
    if (m_presence.value(userId, PresenceStatus::Offline) == status &&
        m_presence.contains(userId) && m_lastSeen.value(userId) == lastSeen)
        return;
    m_presence.insert(userId, status);
    m_lastSeen.insert(userId, lastSeen);
    Q_EMIT presenceChanged(userId);
}

PresenceStatus MemberStore::presence(const QString& userId) const
{
    return m_presence.value(userId, PresenceStatus::Offline);
}

QString MemberStore::displayName(const QString& userId) const
{
    return m_names.value(userId, userId);
}

void MemberStore::rememberName(const QString& userId, const QString& displayName)
{
    if (!displayName.isEmpty())
        m_names.insert(userId, displayName);
}

} // namespace palaver::client
