#pragma once
#include "server/handlers/roomchanges.h"
#include "server/handlers/servercontext.h"
#include "server/storage/outcome.h"
#include "shared/frames/roomframes.h"

namespace palaver::server {
class Session;
class Store;

/// Requests that change rooms or memberships: create_room, open_direct, join, leave,
/// invite, kick. Rules are checked inside the write transaction, so they hold even when
/// requests race.
class RoomHandler
{
public:
    explicit RoomHandler(ServerContext& context)
        : m_ctx(context)
    { }

    void handle(Session& session, const QJsonValue& id, const CreateRoomRequest& request);
    void handle(Session& session, const QJsonValue& id, const OpenDirectRequest& request);
    void handle(Session& session, const QJsonValue& id, const JoinRequest& request);
    void handle(Session& session, const QJsonValue& id, const LeaveRequest& request);
    void handle(Session& session, const QJsonValue& id, const InviteRequest& request);
    void handle(Session& session, const QJsonValue& id, const KickRequest& request);

private:
    enum class Answer { Room, Ok };
    /// Runs `job` in a write batch, then applies its RoomChange and answers.
    void commit(Session& session, const QJsonValue& id, Answer answer,
        std::function<Outcome<RoomChange>(Store&)> job);
    /// Roster updates and pushes for a committed change, in commit order.
    void publish(const RoomChange& change, const Session* requester);

    ServerContext& m_ctx;
};

} // namespace palaver::server
