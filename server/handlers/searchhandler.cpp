#include "server/handlers/searchhandler.h"

#include "server/core/wireid.h"
#include "server/handlers/reply.h"
#include "server/net/session.h"
#include "server/storage/database.h"
#include "server/storage/searchquery.h"

#include <QPointer>

namespace palaver::server {

void SearchHandler::handle(Session& session, const QJsonValue& id, const SearchRequest& request)
{
    const qint64 caller = session.userId();
    QPointer<Session> guard(&session);
    m_ctx.db.read<SearchResultsAnswer>(
        [caller, request](Store& store) -> Outcome<SearchResultsAnswer> {
            std::optional<qint64> roomId;
            if (request.room) {
                // The same answer for "no such room" and "not a member", as everywhere.
                roomId = fromWireId(*request.room);
                if (!roomId || !store.rooms().member(*roomId, caller))
                    return Outcome<SearchResultsAnswer>::fail(ErrorCode::Forbidden,
                        QStringLiteral("no such room, or you are not a member"));
            }
            const SearchQuery query(request.query);
            return SearchResultsAnswer {
                store.search().search(caller, query, roomId, request.limit)};
        },
        [guard, id](Outcome<SearchResultsAnswer> result) { reply(guard, id, result); });
}

} // namespace palaver::server
