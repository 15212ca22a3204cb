#include "server/handlers/readhandler.h"

#include "server/cluster/clusterlink.h"
#include "server/core/wireid.h"
#include "server/handlers/reply.h"
#include "server/storage/database.h"

namespace palaver::server {
namespace {
struct MarkerMove
{
    bool moved = false;
    MemberRecord member; ///< as stored after the move
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
                return Outcome<MarkerMove>::fail(
                    ErrorCode::Forbidden, QStringLiteral("no such room, or you are not a member"));
            MarkerMove move;
            move.member = store.rooms().advanceReadMarker(*roomId, caller, request.seq);
            move.moved = move.member.lastReadSeq != member->lastReadSeq;
            return move;
        },
        [this, guard, id, caller, request](Outcome<MarkerMove> result) {
            if (!result.ok())
                return reply(guard, id, Outcome<OkAnswer>(result.error()));
            reply(guard, id, Outcome<OkAnswer>(OkAnswer {}));
            const MarkerMove& move = result.value();
            if (!move.moved)
                return; // a lower seq is a no-op: nobody hears of it
            m_ctx.cluster.markerMoved(move.member);
        });
}

} // namespace palaver::server
