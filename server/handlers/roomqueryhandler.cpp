#include "server/handlers/roomqueryhandler.h"

#include "server/core/sessionregistry.h"
#include "server/core/wireid.h"
#include "server/handlers/reply.h"
#include "server/net/session.h"
#include "server/storage/database.h"

#include <QPointer>

namespace palaver::server {

PresenceStatus RoomQueryHandler::presenceOf(qint64 userId) const
{
    const QList<Session*>& sessions = m_ctx.sessions.sessionsOf(userId);
    if (sessions.isEmpty())
        return PresenceStatus::Offline;
    for (const Session* s : sessions) {
        if (s->presence() == PresenceStatus::Online)
            return PresenceStatus::Online;
    }
    return PresenceStatus::Away;
}

void RoomQueryHandler::handle(Session& session, const QJsonValue& id, const RoomsRequest&)
{
    QPointer<Session> guard(&session);
    m_ctx.db.read<RoomsAnswer>(
        [caller = session.userId()](Store& store) -> Outcome<RoomsAnswer> {
            return RoomsAnswer{store.rooms().roomsOf(caller)};
        },
        [guard, id](Outcome<RoomsAnswer> result) { reply(guard, id, result); });
}

void RoomQueryHandler::handle(Session& session, const QJsonValue& id, const DirectoryRequest& request)
{
    QPointer<Session> guard(&session);
    m_ctx.db.read<RoomsAnswer>(
        [request](Store& store) -> Outcome<RoomsAnswer> {
            return RoomsAnswer{store.rooms().publicRooms(request.query.trimmed(), request.limit)};
        },
        [guard, id](Outcome<RoomsAnswer> result) { reply(guard, id, result); });
}

void RoomQueryHandler::handle(Session& session, const QJsonValue& id, const MembersRequest& request)
{
    QPointer<Session> guard(&session);
    m_ctx.db.read<MembersAnswer>(
        [caller = session.userId(), request](Store& store) -> Outcome<MembersAnswer> {
            const auto roomId = fromWireId(request.room);
            if (!roomId || !store.rooms().member(*roomId, caller))
                return Outcome<MembersAnswer>::fail(ErrorCode::Forbidden,
                                                    QStringLiteral("no such room, or you are not a member"));
            return MembersAnswer{request.room, store.rooms().members(*roomId)};
        },
        [this, guard, id](Outcome<MembersAnswer> result) {
            if (!guard)
                return;
            if (!result.ok())
                return guard->answerError(id, result.error());
            for (MemberInfo& m : result.value().members) {
                m.presence = presenceOf(fromWireId(m.user).value_or(0));
                if (m.presence != PresenceStatus::Offline)
                    m.lastSeen.reset();
            }
            guard->answer(id, result.value());
        });
}

void RoomQueryHandler::handle(Session& session, const QJsonValue& id, const UsersRequest& request)
{
    QPointer<Session> guard(&session);
    m_ctx.db.read<UsersAnswer>(
        [request](Store& store) -> Outcome<UsersAnswer> {
            UsersAnswer answer;
            for (const UserRecord& u : store.users().searchUsers(request.query.trimmed(), request.limit)) {
                answer.users.append(UserInfo{toWireId(u.id), u.username, u.displayName, std::nullopt,
                                             u.lastSeen > 0 ? std::optional(u.lastSeen) : std::nullopt});
            }
            return answer;
        },
        [this, guard, id](Outcome<UsersAnswer> result) {
            if (!guard)
                return;
            if (!result.ok())
                return guard->answerError(id, result.error());
            for (UserInfo& u : result.value().users) {
                u.presence = presenceOf(fromWireId(u.id).value_or(0));
                if (u.presence != PresenceStatus::Offline)
                    u.lastSeen.reset();
            }
            guard->answer(id, result.value());
        });
}

} // namespace palaver::server
