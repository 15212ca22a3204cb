#include "server/handlers/roomhandler.h"

#include "server/cluster/clusterlink.h"
#include "server/core/wireid.h"
#include "server/handlers/audit.h"
#include "server/net/session.h"
#include "server/storage/database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QPointer>

namespace palaver::server {
namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The same answer for "no such room" and "not a member": the room's existence stays secret.
Outcome<RoomChange> forbidden()
{
    return Outcome<RoomChange>::fail(
        ErrorCode::Forbidden, QStringLiteral("no such room, or you are not a member"));
}

Outcome<RoomChange> fail(ErrorCode code, const QString& message)
{
    return Outcome<RoomChange>::fail(code, message);
}

std::optional<qint64> existingUser(Store& store, const QString& wireId)
{
    const auto id = fromWireId(wireId);
    return id && store.users().userById(*id) ? id : std::nullopt;
}

Event appendMembership(Store& store, EventKind kind, qint64 roomId, qint64 actorId, qint64 userId)
{
    Event e;
    e.room = toWireId(roomId);
    e.ts = now();
    e.sender = toWireId(actorId);
    e.kind = kind;
    e.user = toWireId(userId);
    store.events().append(e, roomId, actorId);
    return e;
}

// Audit details: {"user":"bob"} for the member a change was about, the kind, name and member
// ids of a new room.
QString userDetail(Store& store, qint64 userId)
{
    const auto user = store.users().userById(userId);
    return auditDetail({{QStringLiteral("user"), user ? user->username : QString()}});
}

QString roomDetail(const QString& kind, const QString& name, const QList<qint64>& members)
{
    QJsonArray ids;
    for (const qint64 userId : members)
        ids.append(toWireId(userId));
    return auditDetail({{QStringLiteral("kind"), kind}, {QStringLiteral("name"), name},
        {QStringLiteral("members"), ids}});
}

RoomInfo viewOf(Store& store, qint64 roomId, qint64 userId)
{
    return store.rooms().roomFor(roomId, userId).value_or(RoomInfo {});
}

// The caller's membership when it may moderate (invite, kick) in this room.
Outcome<MemberRecord> moderator(
    Store& store, const QString& wireRoom, qint64 caller, const QString& action)
{
    const auto roomId = fromWireId(wireRoom);
    const auto self = roomId ? store.rooms().member(*roomId, caller) : std::nullopt;
    if (!self)
        return forbidden().error();
    if (store.rooms().room(*roomId)->kind == RoomKind::Direct || self->role < Role::Admin)
        return ProtocolError {ErrorCode::Forbidden,
            QStringLiteral("only owners and admins of a group or public room may %1").arg(action)};
    return *self;
}

// A user added to a room: the roster entry and the room_added push need its own view.
void addMember(Store& store, RoomChange& change, qint64 userId, Role role)
{
    store.rooms().addMember(change.roomId, userId, role);
    change.added.append({userId, RoomInfo {}});
}

// Views are read after every change of the request, so counts include all of them.
void finishViews(Store& store, RoomChange& change, qint64 callerId)
{
    for (auto& [userId, view] : change.added)
        view = viewOf(store, change.roomId, userId);
    change.callerView = viewOf(store, change.roomId, callerId);
}
} // namespace

void RoomHandler::handle(Session& session, const QJsonValue& id, const CreateRoomRequest& request)
{
    const qint64 caller = session.userId();
    const QString ip = session.peerAddress().toString();
    commit(session, id, Answer::Room, [caller, request, ip](Store& store) -> Outcome<RoomChange> {
        QList<qint64> members;
        for (const QString& wireId : request.members) {
            const auto userId = existingUser(store, wireId);
            if (!userId)
                return fail(
                    ErrorCode::NotFound, QStringLiteral("no user with id '%1'").arg(wireId));
            if (*userId != caller)
                members.append(*userId);
        }
        RoomChange change;
        change.roomId = store.rooms().createRoom(request.kind, request.name, request.topic, now());
        addMember(store, change, caller, Role::Owner);
        for (const qint64 userId : std::as_const(members))
            addMember(store, change, userId, Role::Member);
        recordAudit(store, ip, caller, {}, QStringLiteral("room_created"),
            roomTarget(change.roomId), roomDetail(toString(request.kind), request.name, members));
        finishViews(store, change, caller);
        return change;
    });
}

void RoomHandler::handle(Session& session, const QJsonValue& id, const OpenDirectRequest& request)
{
    const qint64 caller = session.userId();
    const QString ip = session.peerAddress().toString();
    commit(session, id, Answer::Room, [caller, request, ip](Store& store) -> Outcome<RoomChange> {
        const auto peer = existingUser(store, request.user);
        if (!peer)
            return fail(
                ErrorCode::NotFound, QStringLiteral("no user with id '%1'").arg(request.user));
        if (*peer == caller)
            return fail(ErrorCode::BadRequest, QStringLiteral("a direct chat needs another user"));
        const QString key =
            QStringLiteral("%1:%2").arg(std::min(caller, *peer)).arg(std::max(caller, *peer));
        RoomChange change;
        if (const auto existing = store.rooms().directRoom(key)) {
            change.roomId = *existing;
            // Someone who left comes back: the pair keeps one room and its history.
            for (const qint64 userId : {caller, *peer}) {
                if (!store.rooms().member(change.roomId, userId)) {
                    addMember(store, change, userId, Role::Member);
                    change.events.append(appendMembership(
                        store, EventKind::MemberJoin, change.roomId, caller, userId));
                    recordAudit(store, ip, caller, {}, QStringLiteral("member_joined"),
                        roomTarget(change.roomId), userDetail(store, userId));
                }
            }
        } else {
            change.roomId =
                store.rooms().createRoom(RoomKind::Direct, QString(), QString(), now(), key);
            addMember(store, change, caller, Role::Member);
            addMember(store, change, *peer, Role::Member);
            recordAudit(store, ip, caller, {}, QStringLiteral("room_created"),
                roomTarget(change.roomId), roomDetail(QStringLiteral("direct"), {}, {*peer}));
        }
        finishViews(store, change, caller);
        return change;
    });
}

void RoomHandler::handle(Session& session, const QJsonValue& id, const JoinRequest& request)
{
    const qint64 caller = session.userId();
    const QString ip = session.peerAddress().toString();
    commit(session, id, Answer::Room, [caller, request, ip](Store& store) -> Outcome<RoomChange> {
        const auto roomId = fromWireId(request.room);
        const auto room = roomId ? store.rooms().room(*roomId) : std::nullopt;
        if (!room)
            return forbidden();
        RoomChange change;
        change.roomId = room->id;
        if (!store.rooms().member(room->id, caller)) {
            if (room->kind != RoomKind::Public)
                return forbidden();
            addMember(store, change, caller, Role::Member);
            change.events.append(
                appendMembership(store, EventKind::MemberJoin, room->id, caller, caller));
            recordAudit(
                store, ip, caller, {}, QStringLiteral("member_joined"), roomTarget(room->id));
        }
        finishViews(store, change, caller);
        return change;
    });
}

void RoomHandler::handle(Session& session, const QJsonValue& id, const LeaveRequest& request)
{
    const qint64 caller = session.userId();
    const QString ip = session.peerAddress().toString();
    commit(session, id, Answer::Ok, [caller, request, ip](Store& store) -> Outcome<RoomChange> {
        const auto roomId = fromWireId(request.room);
        if (!roomId || !store.rooms().member(*roomId, caller))
            return forbidden();
        RoomChange change;
        change.roomId = *roomId;
        change.events.append(
            appendMembership(store, EventKind::MemberLeave, *roomId, caller, caller));
        store.rooms().removeMember(*roomId, caller);
        recordAudit(store, ip, caller, {}, QStringLiteral("member_left"), roomTarget(*roomId));
        change.removed.append(caller);
        return change;
    });
}

void RoomHandler::handle(Session& session, const QJsonValue& id, const InviteRequest& request)
{
    const qint64 caller = session.userId();
    const QString ip = session.peerAddress().toString();
    commit(session, id, Answer::Ok, [caller, request, ip](Store& store) -> Outcome<RoomChange> {
        const auto self = moderator(store, request.room, caller, QStringLiteral("invite"));
        if (!self.ok())
            return self.error();
        const qint64 roomId = self.value().roomId;
        const auto invitee = existingUser(store, request.user);
        if (!invitee)
            return fail(
                ErrorCode::NotFound, QStringLiteral("no user with id '%1'").arg(request.user));
        RoomChange change;
        change.roomId = roomId;
        if (store.rooms().member(roomId, *invitee))
            return change; // already in: inviting again changes nothing
        addMember(store, change, *invitee, Role::Member);
        change.events.append(
            appendMembership(store, EventKind::MemberJoin, roomId, caller, *invitee));
        recordAudit(store, ip, caller, {}, QStringLiteral("member_invited"), roomTarget(roomId),
            userDetail(store, *invitee));
        finishViews(store, change, caller);
        return change;
    });
}

void RoomHandler::handle(Session& session, const QJsonValue& id, const KickRequest& request)
{
    const qint64 caller = session.userId();
    const QString ip = session.peerAddress().toString();
    commit(session, id, Answer::Ok, [caller, request, ip](Store& store) -> Outcome<RoomChange> {
        const auto self = moderator(store, request.room, caller, QStringLiteral("kick"));
        if (!self.ok())
            return self.error();
        const qint64 roomId = self.value().roomId;
        const auto target = fromWireId(request.user);
        const auto member = target ? store.rooms().member(roomId, *target) : std::nullopt;
        if (!member)
            return fail(
                ErrorCode::NotFound, QStringLiteral("that user is not a member of this room"));
        if (*target == caller)
            return fail(ErrorCode::BadRequest, QStringLiteral("use leave to leave a room"));
        if (member->role >= self.value().role)
            return fail(ErrorCode::Forbidden,
                QStringLiteral("you cannot kick a member of equal or higher role"));
        RoomChange change;
        change.roomId = roomId;
        change.events.append(
            appendMembership(store, EventKind::MemberLeave, roomId, caller, *target));
        store.rooms().removeMember(roomId, *target);
        recordAudit(store, ip, caller, {}, QStringLiteral("member_kicked"), roomTarget(roomId),
            userDetail(store, *target));
        change.removed.append(*target);
        return change;
    });
}

void RoomHandler::commit(Session& session, const QJsonValue& id, Answer answer,
    std::function<Outcome<RoomChange>(Store&)> job)
{
    QPointer<Session> guard(&session);
    m_ctx.db.write<RoomChange>(
        std::move(job), [this, guard, id, answer](Outcome<RoomChange> result) {
            if (!result.ok()) {
                if (guard)
                    guard->answerError(id, result.error());
                return;
            }
            if (guard) {
                if (answer == Answer::Room)
                    guard->answer(id, RoomAnswer {result.value().callerView});
                else
                    guard->answer(id, OkAnswer {});
            }
            publish(result.value(), guard.data());
        });
}

void RoomHandler::publish(const RoomChange& change, const Session* requester)
{
    m_ctx.cluster.roomChanged(change, requester);
}

} // namespace palaver::server
