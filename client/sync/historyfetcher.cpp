#include "client/sync/historyfetcher.h"

#include "client/logging.h"
#include "client/net/connection.h"

namespace palaver::client {

HistoryFetcher::HistoryFetcher(Connection& connection, RoomStore& rooms, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_rooms(rooms)
{ }

void HistoryFetcher::fetchBefore(const QString& roomId, qint64 before, int limit, Done done)
{
    fetch(roomId, before > 0 ? std::optional(before) : std::nullopt, std::nullopt, limit,
        EventOrigin::History, std::move(done));
}

void HistoryFetcher::fetchAfter(
    const QString& roomId, qint64 after, int limit, Done done, EventOrigin origin)
{
    fetch(roomId, std::nullopt, after, limit, origin, std::move(done));
}

void HistoryFetcher::fetch(const QString& roomId, std::optional<qint64> before,
    std::optional<qint64> after, int limit, EventOrigin origin, Done done)
{
    HistoryRequest request;
    request.room = roomId;
    request.before = before;
    request.after = after;
    request.limit = limit;
    const bool sent = m_connection.request(
        request, this, [this, roomId, origin, done](const ServerMessage& answer) {
            const auto* page = std::get_if<HistoryAnswer>(&answer);
            if (!page) {
                qCWarning(lcClientSync) << "history of room" << roomId << "failed";
                done(false, false, {});
                return;
            }
            m_rooms.addEvents(page->events, origin);
            done(true, page->hasMore, page->events);
        });
    if (!sent)
        done(false, false, {});
}

} // namespace palaver::client
