#include "server/core/roomroster.h"

namespace palaver::server {
namespace {
const RoomRoster::Members kNoMembers;
const QSet<qint64> kNoRooms;
} // namespace

void RoomRoster::load(
    const QList<MemberRecord>& memberships, const QHash<qint64, qint64>& messageCounts)
{
    m_rooms.clear();
    m_userRooms.clear();
    for (auto it = messageCounts.cbegin(); it != messageCounts.cend(); ++it)
        m_rooms[it.key()].messageCount = it.value();
    for (const MemberRecord& m : memberships) {
        m_rooms[m.roomId].members.insert(
            m.userId, {m.lastReadSeq, m.readMsgNo, m.ownUnread, m.mentions});
        m_userRooms[m.userId].insert(m.roomId);
    }
}

void RoomRoster::add(qint64 roomId, qint64 userId, qint64 lastReadSeq)
{
    Room& room = m_rooms[roomId];
    room.members.insert(userId, {lastReadSeq, room.messageCount, 0, 0});
    m_userRooms[userId].insert(roomId);
}

void RoomRoster::remove(qint64 roomId, qint64 userId)
{
    if (auto it = m_rooms.find(roomId); it != m_rooms.end())
        it->members.remove(userId);
    if (auto it = m_userRooms.find(userId); it != m_userRooms.end()) {
        it->remove(roomId);
        if (it->isEmpty())
            m_userRooms.erase(it);
    }
}

void RoomRoster::dropRoom(qint64 roomId)
{
    const QList<qint64> members = membersOf(roomId).keys();
    for (const qint64 userId : members)
        remove(roomId, userId);
    m_rooms.remove(roomId);
}

const RoomRoster::Members& RoomRoster::membersOf(qint64 roomId) const
{
    const auto it = m_rooms.constFind(roomId);
    return it == m_rooms.cend() ? kNoMembers : it->members;
}

const QSet<qint64>& RoomRoster::roomsOf(qint64 userId) const
{
    const auto it = m_userRooms.constFind(userId);
    return it == m_userRooms.cend() ? kNoRooms : *it;
}

bool RoomRoster::isMember(qint64 roomId, qint64 userId) const
{
    return membersOf(roomId).contains(userId);
}

void RoomRoster::noteMessage(qint64 roomId, qint64 senderId, const QList<qint64>& mentioned)
{
    Room& room = m_rooms[roomId];
    ++room.messageCount;
    if (auto it = room.members.find(senderId); it != room.members.end())
        ++it->ownUnread;
    for (const qint64 userId : mentioned) {
        if (auto it = room.members.find(userId); it != room.members.end())
            ++it->mentions;
    }
}

void RoomRoster::setMarker(const MemberRecord& member)
{
    auto room = m_rooms.find(member.roomId);
    if (room == m_rooms.end())
        return;
    if (auto it = room->members.find(member.userId); it != room->members.end())
        *it = {member.lastReadSeq, member.readMsgNo, member.ownUnread, member.mentions};
}

RoomMembership RoomRoster::badge(qint64 roomId, qint64 userId) const
{
    RoomMembership badge;
    const auto room = m_rooms.constFind(roomId);
    if (room == m_rooms.cend())
        return badge;
    const auto member = room->members.constFind(userId);
    if (member == room->members.cend())
        return badge;
    badge.lastReadSeq = member->lastReadSeq;
    badge.unread = std::max<qint64>(0, room->messageCount - member->readMsgNo - member->ownUnread);
    badge.mentions = member->mentions;
    return badge;
}

} // namespace palaver::server
