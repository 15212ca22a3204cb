#pragma once
// Decodes each frame of a session and hands it to the one handler for its type, after the
// rules every request shares: authentication first, then the rate limit.
#include "server/handlers/authhandler.h"
#include "server/handlers/eventhandler.h"
#include "server/handlers/historyhandler.h"
#include "server/handlers/livestatehandler.h"
#include "server/handlers/readhandler.h"
#include "server/handlers/roomhandler.h"
#include "server/handlers/roomqueryhandler.h"
#include "server/handlers/searchhandler.h"
#include "server/handlers/servercontext.h"
#include "shared/framecodec.h"

namespace palaver::server {
class Session;

class RequestRouter
{
public:
    RequestRouter(ServerContext& context, AuthHandler::Authenticated onAuthenticated);

    void onFrame(Session& session, const QByteArray& frame);
    /// Runs the frames a session sent while its authentication was pending.
    void replayDeferred(Session& session);

private:
    void dispatch(Session& session, const ClientFrame& frame);
    /// False (and answered) when the user is over its rate for this kind of request.
    bool admit(Session& session, const QJsonValue& id, FrameType type);
    /// A send checked against the user's bucket shared by every node; routed when allowed.
    void admitShared(Session& session, const ClientFrame& frame);
    void refuse(Session& session, const QJsonValue& id, qint64 retryAfterMs);
    /// Hands an admitted request to its handler.
    void route(Session& session, const ClientFrame& frame);

    ServerContext& m_ctx;
    AuthHandler m_auth;
    RoomHandler m_rooms;
    RoomQueryHandler m_roomQueries;
    EventHandler m_events;
    HistoryHandler m_history;
    ReadHandler m_read;
    LiveStateHandler m_liveState;
    SearchHandler m_search;
};

} // namespace palaver::server
