#include "server/handlers/historyhandler.h"

#include "server/core/wireid.h"
#include "server/handlers/reply.h"
#include "server/net/session.h"
#include "server/storage/database.h"
#include "shared/limits.h"

#include <QPointer>

namespace palaver::server {
namespace {

struct Page
{
    QList<Event> events;
    bool hasMore = false;
};

// Reads one more row than asked: its presence is `has_more`, with no COUNT query.
Page readPage(Store& store, qint64 roomId, std::optional<qint64> before,
    std::optional<qint64> after, int limit)
{
    Page page;
    page.events = store.events().history(roomId, before, after, limit + 1);
    if (page.events.size() > limit) {
        page.hasMore = true;
        if (after)
            page.events.removeLast(); // paging forward: the extra one is the newest
        else
            page.events.removeFirst(); // paging back: the extra one is the oldest
    }
    return page;
}
} // namespace

void HistoryHandler::handle(Session& session, const QJsonValue& id, const HistoryRequest& request)
{
    const qint64 caller = session.userId();
    QPointer<Session> guard(&session);
    m_ctx.db.read<HistoryAnswer>(
        [caller, request](Store& store) -> Outcome<HistoryAnswer> {
            const auto roomId = fromWireId(request.room);
            if (!roomId || !store.rooms().member(*roomId, caller))
                return Outcome<HistoryAnswer>::fail(
                    ErrorCode::Forbidden, QStringLiteral("no such room, or you are not a member"));
            Page page = readPage(store, *roomId, request.before, request.after, request.limit);
            return HistoryAnswer {request.room, std::move(page.events), page.hasMore};
        },
        [guard, id](Outcome<HistoryAnswer> result) { reply(guard, id, result); });
}

void HistoryHandler::handle(Session& session, const QJsonValue& id, const SyncRequest& request)
{
    const qint64 caller = session.userId();
    QPointer<Session> guard(&session);
    m_ctx.db.read<SyncedAnswer>(
        [caller, cursors = request.cursors](Store& store) -> Outcome<SyncedAnswer> {
            SyncedAnswer answer;
            answer.rooms = store.rooms().roomsOf(caller);
            for (const RoomInfo& room : std::as_const(answer.rooms)) {
                const auto cursor = cursors.constFind(room.id);
                // A known room resumes after the client's cursor; a new one gets its latest
                // page and pages back with `history` if it wants more.
                const std::optional<qint64> after = cursor != cursors.cend()
                    ? std::optional<qint64>(std::min(*cursor, room.lastSeq))
                    : std::nullopt;
                if (after && *after >= room.lastSeq) {
                    answer.hasMore.insert(room.id, false);
                    continue;
                }
                Page page =
                    readPage(store, room.id.toLongLong(), std::nullopt, after, limits::historyPage);
                answer.events += page.events;
                answer.hasMore.insert(room.id, page.hasMore);
            }
            return answer;
        },
        [guard, id](Outcome<SyncedAnswer> result) { reply(guard, id, result); });
}

} // namespace palaver::server
