#include "server/core/fanout.h"

#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/net/session.h"
#include "server/net/websocketframes.h"

namespace palaver::server {

qsizetype Fanout::toRoom(qint64 roomId, const QByteArray& frame, const Session* except) const
{
    const QByteArray wireFrame = ws::encodeText(frame);
    qsizetype reached = 0;
    const RoomRoster::Members& members = m_roster.membersOf(roomId);
    for (auto it = members.cbegin(); it != members.cend(); ++it)
        reached += toUserFramed(it.key(), wireFrame, except);
    return reached;
}

qsizetype Fanout::toUser(qint64 userId, const QByteArray& frame, const Session* except) const
{
    return toUserFramed(userId, ws::encodeText(frame), except);
}

qsizetype Fanout::toUserFramed(
    qint64 userId, const QByteArray& wireFrame, const Session* except) const
{
    qsizetype reached = 0;
    for (Session* session : m_sessions.sessionsOf(userId)) {
        if (session != except) {
            session->sendWireFrame(wireFrame);
            ++reached;
        }
    }
    return reached;
}

} // namespace palaver::server
