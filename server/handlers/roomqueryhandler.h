#pragma once
#include "server/handlers/servercontext.h"
#include "shared/frames/roomframes.h"

namespace palaver::server {
class Session;

/// Read-only room requests: rooms, directory, members, users. Presence comes from the live
/// sessions on the main thread; everything else from a read snapshot.
class RoomQueryHandler
{
public:
    explicit RoomQueryHandler(ServerContext& context)
        : m_ctx(context)
    { }

    void handle(Session& session, const QJsonValue& id, const RoomsRequest& request);
    void handle(Session& session, const QJsonValue& id, const DirectoryRequest& request);
    void handle(Session& session, const QJsonValue& id, const MembersRequest& request);
    void handle(Session& session, const QJsonValue& id, const UsersRequest& request);

private:
    /// Fills presence and last_seen from the live tracker.
    template <class Person> void fillPresence(Person& person, const QString& userId) const;

    ServerContext& m_ctx;
};

} // namespace palaver::server
