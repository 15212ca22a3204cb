#pragma once
// Pages of a room's history from the server, stored through the RoomStore so every model
// sees them the same way pushes arrive.
#include "client/sync/roomstore.h"

#include <QObject>
#include <QSet>
#include <functional>

namespace palaver::client {

class Connection;

/// Sends `history` requests and stores their pages.
class HistoryFetcher : public QObject
{
    Q_OBJECT
public:
    /// Called with the page and has_more, or with ok=false when the request failed or could
    /// not be sent.
    using Done = std::function<void(bool ok, bool hasMore, const QList<Event>& events)>;

    HistoryFetcher(Connection& connection, RoomStore& rooms, QObject* parent = nullptr);

    /// Events older than `before` (newest first page when before is 0).
    void fetchBefore(const QString& roomId, qint64 before, int limit, Done done);
    /// Events newer than `after`: gap fills (Sync) or a timeline paging forward (History).
    void fetchAfter(const QString& roomId, qint64 after, int limit, Done done,
        EventOrigin origin = EventOrigin::Sync);

private:
    void fetch(const QString& roomId, std::optional<qint64> before, std::optional<qint64> after,
        int limit, EventOrigin origin, Done done);

    Connection& m_connection;
    RoomStore& m_rooms;
};

} // namespace palaver::client
