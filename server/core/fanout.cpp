#include "server/core/fanout.h"

#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/net/session.h"

namespace palaver::server {

qsizetype Fanout::toRoom(qint64 roomId, const QByteArray& frame, const Session* except) const
{
    const QString text = QString::fromUtf8(frame);
    qsizetype reached = 0;
    const RoomRoster::Members& members = m_roster.membersOf(roomId);
    for (auto it = members.cbegin(); it != members.cend(); ++it)
        reached += toUser(it.key(), text, except);
    return reached;
}

qsizetype Fanout::toUser(qint64 userId, const QByteArray& frame, const Session* except) const
{
    return toUser(userId, QString::fromUtf8(frame), except);
}

qsizetype Fanout::toUser(qint64 userId, const QString& text, const Session* except) const
{
    qsizetype reached = 0;
    for (Session* session : m_sessions.sessionsOf(userId)) {
        if (session != except) {
            session->sendText(text);
            ++reached;
        }
    }
    return reached;
}

} // namespace palaver::server
