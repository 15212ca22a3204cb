#pragma once
#include "server/storage/store.h"

namespace palaver::server {
class SqlConnection;

/// The audit log in SQL shared by SQLite and PostgreSQL.
class SqlAuditStore final : public AuditStore
{
public:
    explicit SqlAuditStore(SqlConnection& connection)
        : m_sql(connection)
    { }

    void record(const AuditRecord& entry) override;
    QList<AuditRecord> since(qint64 sinceTs, int limit) override;

private:
    SqlConnection& m_sql;
};

} // namespace palaver::server
