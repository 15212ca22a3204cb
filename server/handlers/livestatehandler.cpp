#include "server/handlers/livestatehandler.h"

#include "server/core/presencetracker.h"
#include "server/core/roomroster.h"
#include "server/core/typingtracker.h"
#include "server/core/wireid.h"
#include "server/net/session.h"

namespace palaver::server {

void LiveStateHandler::handle(Session& session, const QJsonValue& id, const TypingRequest& request)
{
    // The roster mirrors committed memberships, which is exact enough for a transient state.
    const auto roomId = fromWireId(request.room);
    if (!roomId || !m_ctx.roster.isMember(*roomId, session.userId())) {
        session.answerError(
            id, ErrorCode::Forbidden, QStringLiteral("no such room, or you are not a member"));
        return;
    }
    if (request.active)
        m_ctx.typing.refresh(*roomId, session.userId(), &session);
    else
        m_ctx.typing.stopFrom(*roomId, session.userId(), &session);
    session.answer(id, OkAnswer {});
}

void LiveStateHandler::handle(
    Session& session, const QJsonValue& id, const PresenceRequest& request)
{
    session.setPresence(request.status);
    m_ctx.presence.devicesChanged(session.userId());
    session.answer(id, OkAnswer {});
}

} // namespace palaver::server
