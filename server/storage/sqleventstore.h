#pragma once
#include "server/storage/store.h"

#include <utility>

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

    /// True (once) when this transaction stored a message the search index has yet to take
    /// (SqlStore::commit indexes it).
    bool takeUnindexed() { return std::exchange(m_unindexed, false); }
    void forgetUnindexed() { m_unindexed = false; }

    /// The event of a row whose first columns are kEventColumns (room_id, seq, ts, sender_id,
    /// kind, client_mid, body).
    static Event readEvent(const QSqlQuery& q);

private:
    SqlConnection& m_sql;
    bool m_unindexed = false;
};

} // namespace palaver::server
