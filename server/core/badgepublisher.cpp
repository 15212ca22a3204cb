#include "server/core/badgepublisher.h"

#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/core/wireid.h"
#include "server/net/session.h"
#include "server/net/websocketframes.h"
#include "server/storage/records.h"
#include "shared/frametype.h"
#include "shared/jsonkeys.h"

namespace palaver::server {

QByteArray BadgePublisher::encode(const QByteArray& room, const RoomMembership& badge)
{
    // Room ids are decimal strings, so no JSON escaping is needed inside the quotes.
    static const QByteArray prefix = "{\"" + keys::type.toString().toUtf8() + "\":\"" +
        toString(FrameType::Badge).toUtf8() + "\",\"" + keys::room.toString().toUtf8() + "\":\"";
    static const QByteArray unread = "\",\"" + keys::unread.toString().toUtf8() + "\":";
    static const QByteArray mentions = ",\"" + keys::mentions.toString().toUtf8() + "\":";
    QByteArray frame;
    frame.reserve(prefix.size() + room.size() + unread.size() + mentions.size() + 42);
    frame.append(prefix)
        .append(room)
        .append(unread)
        .append(QByteArray::number(badge.unread))
        .append(mentions)
        .append(QByteArray::number(badge.mentions))
        .append('}');
    return frame;
}

void BadgePublisher::messageCommitted(
    qint64 roomId, qint64 senderId, const QList<qint64>& mentioned)
{
    m_roster.noteMessage(roomId, senderId, mentioned);
    m_pendingSenders[roomId].insert(senderId);
}

void BadgePublisher::flushPending()
{
    const QHash<qint64, QSet<qint64>> pending = std::exchange(m_pendingSenders, {});
    for (auto room = pending.cbegin(); room != pending.cend(); ++room) {
        const qint64 roomId = room.key();
        const qint64 onlySender = room->size() == 1 ? *room->cbegin() : 0;
        const QByteArray wireRoom = toWireId(roomId).toLatin1();
        const RoomRoster::Members& members = m_roster.membersOf(roomId);
        for (auto it = members.cbegin(); it != members.cend(); ++it) {
            if (it.key() == onlySender)
                continue;
            // Offline members read their numbers from `rooms`/`sync` later.
            push(roomId, wireRoom, it.key());
        }
    }
}

void BadgePublisher::markerMoved(const MemberRecord& member)
{
    m_roster.setMarker(member);
    push(member.roomId, toWireId(member.roomId).toLatin1(), member.userId);
}

void BadgePublisher::push(qint64 roomId, const QByteArray& wireRoom, qint64 userId)
{
    const QList<Session*>& sessions = m_sessions.sessionsOf(userId);
    if (sessions.isEmpty())
        return;
    const QByteArray frame = ws::encodeText(encode(wireRoom, m_roster.badge(roomId, userId)));
    for (Session* s : sessions)
        s->sendWireFrame(frame);
}

} // namespace palaver::server
