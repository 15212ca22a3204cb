#include "server/handlers/readhandler.h"

#include "server/core/fanout.h"
#include "server/core/wireid.h"
#include "server/handlers/reply.h"
#include "server/storage/database.h"

namespace palaver::server {
namespace {
struct MarkerMove {
    qint64 roomId = 0;
    bool moved = false;
    qint64 seq = 0;
    RoomMembership badge;
};
} // namespace

void ReadHandler::handle(Session& session, const QJsonValue& id, const ReadRequest& request)
{
    const qint64 caller = session.userId();
    QPointer<Session> guard(&session);
    m_ctx.db.write<MarkerMove>(
        [caller, request](Store& store) -> Outcome<MarkerMove> {
            const auto roomId = fromWireId(request.room);
            const auto member = roomId ? store.rooms().member(*roomId, caller) : std::nullopt;
            if (!member)
                return Outcome<MarkerMove>::fail(ErrorCode::Forbidden,
                                                 QStringLiteral("no such room, or you are not a member"));
            MarkerMove move{*roomId, false, member->lastReadSeq, {}};
            move.seq = store.rooms().advanceReadMarker(*roomId, caller, request.seq);
            move.moved = move.seq != member->lastReadSeq;
            if (move.moved)
                move.badge = store.rooms().roomFor(*roomId, caller)->self.value_or(RoomMembership{});
            return move;
        },
        [this, guard, id, caller, request](Outcome<MarkerMove> result) {
            if (!result.ok())
                return reply(guard, id, Outcome<OkAnswer>(result.error()));
            reply(guard, id, Outcome<OkAnswer>(OkAnswer{}));
            const MarkerMove& move = result.value();
            if (!move.moved)
                return; // a lower seq is a no-op: nobody hears of it
            m_ctx.fanout.toRoom(move.roomId,
                                encodePush(ReceiptPush{request.room, toWireId(caller), move.seq}));
            m_ctx.fanout.toUser(caller, encodePush(BadgePush{request.room, move.badge.unread,
                                                             move.badge.mentions}));
        });
}

} // namespace palaver::server
