#include "server/handlers/roomqueryhandler.h"

#include "server/core/presencetracker.h"
#include "server/core/wireid.h"
#include "server/handlers/reply.h"
#include "server/net/session.h"
#include "server/storage/database.h"

#include <QPointer>

namespace palaver::server {

template <class Person>
void RoomQueryHandler::fillPresence(Person& person, const QString& userId) const
{
    const qint64 id = fromWireId(userId).value_or(0);
    person.presence = m_ctx.presence.status(id);
    if (person.presence != PresenceStatus::Offline)
        person.lastSeen.reset(); // last_seen describes an offline user only
    else if (const auto seen = m_ctx.presence.lastSeen(id))
        person.lastSeen = seen; // fresher than the stored one while its write is queued
}

void RoomQueryHandler::handle(Session& session, const QJsonValue& id, const RoomsRequest&)
{
    QPointer<Session> guard(&session);
    m_ctx.db.read<RoomsAnswer>(
        [caller = session.userId()](Store& store) -> Outcome<RoomsAnswer> {
            return RoomsAnswer {store.rooms().roomsOf(caller)};
        },
        [guard, id](Outcome<RoomsAnswer> result) { reply(guard, id, result); });
}

void RoomQueryHandler::handle(
    Session& session, const QJsonValue& id, const DirectoryRequest& request)
{
    QPointer<Session> guard(&session);
    m_ctx.db.read<RoomsAnswer>(
        [request](Store& store) -> Outcome<RoomsAnswer> {
            return RoomsAnswer {store.rooms().publicRooms(request.query.trimmed(), request.limit)};
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
                return Outcome<MembersAnswer>::fail(
                    ErrorCode::Forbidden, QStringLiteral("no such room, or you are not a member"));
            return MembersAnswer {request.room, store.rooms().members(*roomId)};
        },
        [this, guard, id](Outcome<MembersAnswer> result) {
            if (!guard)
                return;
            if (!result.ok())
                return guard->answerError(id, result.error());
            for (MemberInfo& m : result.value().members)
                fillPresence(m, m.user);
            guard->answer(id, result.value());
        });
}

void RoomQueryHandler::handle(Session& session, const QJsonValue& id, const UsersRequest& request)
{
    QPointer<Session> guard(&session);
    m_ctx.db.read<UsersAnswer>(
        [request](Store& store) -> Outcome<UsersAnswer> {
            UsersAnswer answer;
            for (const UserRecord& u :
                store.users().searchUsers(request.query.trimmed(), request.limit)) {
                answer.users.append(UserInfo {toWireId(u.id), u.username, u.displayName,
                    std::nullopt, u.lastSeen > 0 ? std::optional(u.lastSeen) : std::nullopt});
            }
            return answer;
        },
        [this, guard, id](Outcome<UsersAnswer> result) {
            if (!guard)
                return;
            if (!result.ok())
                return guard->answerError(id, result.error());
            for (UserInfo& u : result.value().users)
                fillPresence(u, u.id);
            guard->answer(id, result.value());
        });
}

} // namespace palaver::server
