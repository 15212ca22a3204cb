#pragma once
#include "server/storage/records.h"
#include "shared/objects/roominfo.h"

#include <QHash>
#include <QSet>

namespace palaver::server {

/// Who is in which room and how far each has read, in memory: fanout and badge pushes need no
/// query. The database is the truth; this mirrors it, updated by the handlers' completions in
/// commit order, so increments here match the stored counters exactly.
class RoomRoster
{
public:
    struct Counters
    {
        qint64 lastReadSeq = 0;
        qint64 readMsgNo = 0;
        qint64 ownUnread = 0;
        qint64 mentions = 0;
    };
    using Members = QHash<qint64, Counters>;

    void load(const QList<MemberRecord>& memberships, const QHash<qint64, qint64>& messageCounts);
    /// A member who joined now: everything before the join counts as read.
    void add(qint64 roomId, qint64 userId, qint64 lastReadSeq);
    void remove(qint64 roomId, qint64 userId);
    /// A deleted room (admin command): its members and counters are forgotten.
    void dropRoom(qint64 roomId);
    const Members& membersOf(qint64 roomId) const;
    const QSet<qint64>& roomsOf(qint64 userId) const;
    bool isMember(qint64 roomId, qint64 userId) const;

    /// A committed `message`: the room's count and the sender's own-unread rise, and each
    /// mentioned member's mentions.
    void noteMessage(qint64 roomId, qint64 senderId, const QList<qint64>& mentioned);
    /// A committed marker move, with the counters as stored after it.
    void setMarker(const MemberRecord& member);
    /// The member's badge numbers (unread, mentions).
    RoomMembership badge(qint64 roomId, qint64 userId) const;

private:
    struct Room
    {
        qint64 messageCount = 0;
        Members members;
    };
    QHash<qint64, Room> m_rooms;
    QHash<qint64, QSet<qint64>> m_userRooms;
};

} // namespace palaver::server
