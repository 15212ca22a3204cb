#pragma once
#include "server/handlers/servercontext.h"
#include "shared/frames/realtimeframes.h"

namespace palaver::server {
class Session;

/// read: moves the caller's marker forward (clamped), then pushes `receipt` to the room
/// and `badge` to the caller's devices.
class ReadHandler
{
public:
    explicit ReadHandler(ServerContext& context)
        : m_ctx(context)
    { }

    void handle(Session& session, const QJsonValue& id, const ReadRequest& request);

private:
    ServerContext& m_ctx;
};

} // namespace palaver::server
