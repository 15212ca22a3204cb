#pragma once
#include "server/handlers/servercontext.h"
#include "shared/frames/realtimeframes.h"

namespace palaver::server {
class Session;

/// typing and presence: state that lives in memory only, answered at once.
class LiveStateHandler
{
public:
    explicit LiveStateHandler(ServerContext& context)
        : m_ctx(context)
    { }

    void handle(Session& session, const QJsonValue& id, const TypingRequest& request);
    void handle(Session& session, const QJsonValue& id, const PresenceRequest& request);

private:
    ServerContext& m_ctx;
};

} // namespace palaver::server
