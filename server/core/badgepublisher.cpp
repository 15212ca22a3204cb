#include "server/core/badgepublisher.h"

#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/core/wireid.h"
#include "server/net/session.h"
#include "server/storage/records.h"
#include "shared/frametype.h"
#include "shared/jsonkeys.h"

namespace palaver::server {

QString BadgePublisher::encode(const QString& room, const RoomMembership& badge)
{
    // Room ids are decimal strings, so no JSON escaping is needed inside the quotes.
    static const QString prefix = u"{\"" + keys::type + u"\":\"" + toString(FrameType::Badge) +
        u"\",\"" + keys::room + u"\":\"";
    static const QString unread = u"\",\"" + keys::unread + u"\":";
    static const QString mentions = u",\"" + keys::mentions + u"\":";
    return prefix + room + unread + QString::number(badge.unread) + mentions +
        QString::number(badge.mentions) + u'}';
}

void BadgePublisher::messageCommitted(
    qint64 roomId, qint64 senderId, const QList<qint64>& mentioned)
{
    m_roster.noteMessage(roomId, senderId, mentioned);
    const QString room = toWireId(roomId);
    const RoomRoster::Members& members = m_roster.membersOf(roomId);
    for (auto it = members.cbegin(); it != members.cend(); ++it) {
        if (it.key() == senderId)
            continue;
        const QList<Session*>& sessions = m_sessions.sessionsOf(it.key());
        if (sessions.isEmpty())
            continue; // offline members read their numbers from `rooms`/`sync` later
        const QString frame = encode(room, m_roster.badge(roomId, it.key()));
        for (Session* s : sessions)
            s->sendText(frame);
    }
}

void BadgePublisher::markerMoved(const MemberRecord& member)
{
    m_roster.setMarker(member);
    const QString frame =
        encode(toWireId(member.roomId), m_roster.badge(member.roomId, member.userId));
    for (Session* s : m_sessions.sessionsOf(member.userId))
        s->sendText(frame);
}

} // namespace palaver::server
