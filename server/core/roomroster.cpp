#include "server/core/roomroster.h"

namespace palaver::server {
namespace {
const QSet<qint64> kNone;
}

void RoomRoster::load(const QList<MemberRecord>& memberships)
{
    m_members.clear();
    m_rooms.clear();
    for (const MemberRecord& m : memberships)
        add(m.roomId, m.userId);
}

void RoomRoster::add(qint64 roomId, qint64 userId)
{
    m_members[roomId].insert(userId);
    m_rooms[userId].insert(roomId);
}

void RoomRoster::remove(qint64 roomId, qint64 userId)
{
    if (auto it = m_members.find(roomId); it != m_members.end()) {
        it->remove(userId);
        if (it->isEmpty())
            m_members.erase(it);
    }
    if (auto it = m_rooms.find(userId); it != m_rooms.end()) {
        it->remove(roomId);
        if (it->isEmpty())
            m_rooms.erase(it);
    }
}

const QSet<qint64>& RoomRoster::membersOf(qint64 roomId) const
{
    const auto it = m_members.constFind(roomId);
    return it == m_members.cend() ? kNone : *it;
}

const QSet<qint64>& RoomRoster::roomsOf(qint64 userId) const
{
    const auto it = m_rooms.constFind(userId);
    return it == m_rooms.cend() ? kNone : *it;
}

bool RoomRoster::isMember(qint64 roomId, qint64 userId) const
{
    return membersOf(roomId).contains(userId);
}

} // namespace palaver::server
