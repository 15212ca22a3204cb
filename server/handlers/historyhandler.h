#pragma once
#include "server/handlers/servercontext.h"
#include "shared/frames/eventframes.h"

namespace palaver::server {
class Session;

/// history and sync: reads on the read pool, each in one snapshot.
class HistoryHandler
{
public:
    explicit HistoryHandler(ServerContext& context)
        : m_ctx(context)
    { }

    void handle(Session& session, const QJsonValue& id, const HistoryRequest& request);
    void handle(Session& session, const QJsonValue& id, const SyncRequest& request);

private:
    ServerContext& m_ctx;
};

} // namespace palaver::server
