#pragma once
#include "server/handlers/servercontext.h"
#include "server/storage/outcome.h"
#include "shared/frames/eventframes.h"

namespace palaver::server {
class Session;
class Store;

/// Requests that append to a room's stream: send, edit, delete, react. The ack goes out
/// after the commit, and the event push right after it, in seq order.
class EventHandler
{
public:
    explicit EventHandler(ServerContext& context)
        : m_ctx(context)
    { }

    void handle(Session& session, const QJsonValue& id, const SendRequest& request);
    void handle(Session& session, const QJsonValue& id, const EditRequest& request);
    void handle(Session& session, const QJsonValue& id, const DeleteRequest& request);
    void handle(Session& session, const QJsonValue& id, const ReactRequest& request);

    /// What a committed append produced: the event and whether it was a resend.
    struct Appended
    {
        Event event;
        bool duplicate = false;
    };

private:
    void commit(Session& session, const QJsonValue& id, bool isSend,
        std::function<Outcome<Appended>(Store&)> job);

    ServerContext& m_ctx;
};

} // namespace palaver::server
