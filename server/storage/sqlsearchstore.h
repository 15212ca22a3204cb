#pragma once
#include "server/storage/store.h"

namespace palaver::server {
class SqlConnection;

/// Full-text search over message_text (migration 005) in SQL shared by SQLite and PostgreSQL;
/// SqlDialect holds the part that differs (FTS5 MATCH or a tsquery).
class SqlSearchStore final : public SearchStore
{
public:
    explicit SqlSearchStore(SqlConnection& connection)
        : m_sql(connection)
    { }

    QList<Event> search(
        qint64 userId, const SearchQuery& query, std::optional<qint64> roomId, int limit) override;

private:
    SqlConnection& m_sql;
};

} // namespace palaver::server
