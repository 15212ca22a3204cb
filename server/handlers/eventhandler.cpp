#include "server/handlers/eventhandler.h"

#include "server/cluster/clusterlink.h"
#include "server/core/wireid.h"
#include "server/metrics/servermetrics.h"
#include "server/net/session.h"
#include "server/storage/database.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>

namespace palaver::server {
namespace {
using Result = Outcome<EventHandler::Appended>;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Result fail(ErrorCode code, const QString& message)
{
    return Result::fail(code, message);
}

// Resolves the room and checks membership; the same answer for "no room" and "not in it".
std::optional<qint64> memberRoom(Store& store, const QString& wireRoom, qint64 userId)
{
    const auto roomId = fromWireId(wireRoom);
    if (!roomId || !store.rooms().member(*roomId, userId))
        return std::nullopt;
    return roomId;
}

const ProtocolError kForbidden {
    ErrorCode::Forbidden, QStringLiteral("no such room, or you are not a member")};

Event newEvent(const QString& room, qint64 senderId, EventKind kind)
{
    Event e;
    e.room = room;
    e.ts = now();
    e.sender = toWireId(senderId);
    e.kind = kind;
    return e;
}

// The room of an edit or delete whose target is a message of the caller that is still there.
Outcome<qint64> ownMessageRoom(Store& store, const QString& wireRoom, qint64 target, qint64 caller)
{
    const auto roomId = memberRoom(store, wireRoom, caller);
    if (!roomId)
        return kForbidden;
    const auto original = store.events().event(*roomId, target);
    if (!original || original->kind != EventKind::Message || original->deleted)
        return ProtocolError {
            ErrorCode::NotFound, QStringLiteral("no message with seq %1").arg(target)};
    if (original->sender != toWireId(caller))
        return ProtocolError {
            ErrorCode::Forbidden, QStringLiteral("only the sender may change a message")};
    return *roomId;
}

// The full file objects of a send's attachment ids: each must be a file the sender uploaded or
// can already see (else the same "not found" as for a missing one, and nothing is stored).
bool attachFiles(
    Store& store, const QStringList& wireIds, qint64 caller, Event& event, QList<qint64>& fileIds)
{
    for (const QString& wireId : wireIds) {
        const auto fileId = fromWireId(wireId);
        if (!fileId)
            return false;
        if (fileIds.contains(*fileId))
            continue; // the same file twice is attached once
        const auto file = store.files().visibleFile(*fileId, caller);
        if (!file)
            return false;
        fileIds.append(*fileId);
        event.attachments.append(
            FileInfo {wireId, file->name, file->mime, file->size, file->sha256});
    }
    return true;
}
} // namespace

void EventHandler::handle(Session& session, const QJsonValue& id, const SendRequest& request)
{
    const qint64 caller = session.userId();
    commit(session, id, true, [caller, request](Store& store) -> Result {
        const auto roomId = memberRoom(store, request.room, caller);
        if (!roomId)
            return kForbidden;
        // Idempotency: the unique (room, sender, client_mid) row is the source of truth, so a
        // resend after a reconnect or a restart gets the first ack back.
        if (const auto earlier =
                store.events().findByClientMid(*roomId, caller, request.clientMid)) {
            Event e = newEvent(request.room, caller, EventKind::Message);
            e.seq = earlier->seq;
            e.ts = earlier->ts;
            e.clientMid = request.clientMid;
            return EventHandler::Appended {e, true};
        }
        if (request.replyTo) {
            const auto target = store.events().event(*roomId, *request.replyTo);
            if (!target || target->kind != EventKind::Message)
                return fail(ErrorCode::BadRequest,
                    QStringLiteral("reply_to names no message of this room"));
        }
        Event e = newEvent(request.room, caller, EventKind::Message);
        e.text = request.text;
        e.clientMid = request.clientMid;
        e.replyTo = request.replyTo;
        QList<qint64> fileIds;
        if (!attachFiles(store, request.attachments, caller, e, fileIds))
            return fail(ErrorCode::NotFound, QStringLiteral("no such file"));
        for (const QString& wireUser : request.mentions) {
            // Mentions of non-members (and of oneself) are dropped, as the contract says.
            const auto userId = fromWireId(wireUser);
            if (userId && *userId != caller && store.rooms().member(*roomId, *userId))
                e.mentions.append(wireUser);
        }
        store.events().append(e, *roomId, caller);
        // The references are what lets the room's members download the files.
        for (const qint64 fileId : std::as_const(fileIds))
            store.files().addReference(fileId, *roomId, e.seq);
        return EventHandler::Appended {e, false};
    });
}

void EventHandler::handle(Session& session, const QJsonValue& id, const EditRequest& request)
{
    const qint64 caller = session.userId();
    commit(session, id, false, [caller, request](Store& store) -> Result {
        const auto roomId = ownMessageRoom(store, request.room, request.target, caller);
        if (!roomId.ok())
            return roomId.error();
        Event e = newEvent(request.room, caller, EventKind::Edit);
        e.target = request.target;
        e.text = request.text;
        store.events().append(e, roomId.value(), caller);
        return EventHandler::Appended {e, false};
    });
}

void EventHandler::handle(Session& session, const QJsonValue& id, const DeleteRequest& request)
{
    const qint64 caller = session.userId();
    commit(session, id, false, [caller, request](Store& store) -> Result {
        const auto roomId = ownMessageRoom(store, request.room, request.target, caller);
        if (!roomId.ok())
            return roomId.error();
        store.events().markDeleted(roomId.value(), request.target);
        // Access through the deleted message ends; the uploader keeps it.
        store.files().removeReferences(roomId.value(), request.target);
        Event e = newEvent(request.room, caller, EventKind::Delete);
        e.target = request.target;
        store.events().append(e, roomId.value(), caller);
        return EventHandler::Appended {e, false};
    });
}

void EventHandler::handle(Session& session, const QJsonValue& id, const ReactRequest& request)
{
    const qint64 caller = session.userId();
    commit(session, id, false, [caller, request](Store& store) -> Result {
        const auto roomId = memberRoom(store, request.room, caller);
        if (!roomId)
            return kForbidden;
        const auto target = store.events().event(*roomId, request.target);
        if (!target || target->kind != EventKind::Message || target->deleted)
            return fail(
                ErrorCode::NotFound, QStringLiteral("no message with seq %1").arg(request.target));
        Event e = newEvent(request.room, caller, EventKind::Reaction);
        e.target = request.target;
        e.emoji = request.emoji;
        e.on = request.on;
        store.events().append(e, *roomId, caller);
        return EventHandler::Appended {e, false};
    });
}

void EventHandler::commit(Session& session, const QJsonValue& id, bool isSend,
    std::function<Outcome<Appended>(Store&)> job)
{
    QPointer<Session> guard(&session);
    QElapsedTimer arrived;
    arrived.start();
    m_ctx.db.write<Appended>(
        std::move(job), [this, guard, id, isSend, arrived](Outcome<Appended> result) {
            if (!result.ok()) {
                if (guard)
                    guard->answerError(id, result.error());
                return;
            }
            const Event& e = result.value().event;
            if (guard) {
                AckAnswer ack {e.room, e.seq, e.ts, std::nullopt, std::nullopt};
                if (isSend) {
                    ack.clientMid = e.clientMid;
                    ack.duplicate = result.value().duplicate;
                }
                guard->answer(id, ack);
            }
            if (result.value().duplicate)
                return; // pushed the first time
            ServerMetrics::add(m_ctx.metrics.eventsStored);
            m_ctx.metrics.sendToCommit.observe(arrived.nsecsElapsed() / 1000);
            m_ctx.cluster.eventCommitted(e);
        });
}

} // namespace palaver::server
