#pragma once
#include "server/storage/store.h"

class QSqlQuery;

namespace palaver::server {
class SqlConnection;

/// The per-room event streams in SQL shared by SQLite and PostgreSQL.
class SqlEventStore final : public EventStore
{
public:
    explicit SqlEventStore(SqlConnection& connection)
        : m_sql(connection)
    { }

    qint64 append(Event& event, qint64 roomId, qint64 senderId) override;
    std::optional<AppendedEvent> findByClientMid(
        qint64 roomId, qint64 senderId, const QString& clientMid) override;
    std::optional<Event> event(qint64 roomId, qint64 seq) override;
    QList<Event> history(qint64 roomId, std::optional<qint64> before, std::optional<qint64> after,
        int limit) override;
    void markDeleted(qint64 roomId, qint64 seq) override;

    /// The event of a row whose first columns are kEventColumns (room_id, seq, ts, sender_id,
    /// kind, client_mid, body).
    static Event readEvent(const QSqlQuery& q);

private:
    SqlConnection& m_sql;
};

} // namespace palaver::server
