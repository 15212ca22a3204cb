#pragma once
#include "server/handlers/servercontext.h"
#include "shared/frames/searchframes.h"

namespace palaver::server {
class Session;

/// search: full text over the messages of the caller's rooms, a read on the read pool.
class SearchHandler
{
public:
    explicit SearchHandler(ServerContext& context)
        : m_ctx(context)
    { }

    void handle(Session& session, const QJsonValue& id, const SearchRequest& request);

private:
    ServerContext& m_ctx;
};

} // namespace palaver::server
