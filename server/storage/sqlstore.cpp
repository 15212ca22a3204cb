#include "server/storage/sqlstore.h"

namespace palaver::server {

SqlStore::SqlStore(std::unique_ptr<SqlConnection> connection)
    : m_sql(std::move(connection))
    , m_users(*m_sql)
    , m_events(*m_sql)
    , m_rooms(*m_sql, m_events)
{ }

// IMMEDIATE takes SQLite's write lock up front, so a batch never fails half-way on a lock
// upgrade; only one writer thread exists anyway.
void SqlStore::begin()
{
    m_sql->exec(QStringLiteral("BEGIN IMMEDIATE"));
}
void SqlStore::beginRead()
{
    m_sql->exec(QStringLiteral("BEGIN"));
}
void SqlStore::commit()
{
    m_sql->exec(QStringLiteral("COMMIT"));
}
void SqlStore::rollback()
{
    m_sql->exec(QStringLiteral("ROLLBACK"));
}
// One savepoint per job: through the prepared-statement cache, not parsed again every time
// (exec() showed as 5 % of the writer thread under ingest).
void SqlStore::savepoint()
{
    m_sql->run(QStringLiteral("SAVEPOINT job")).finish();
}
void SqlStore::releaseSavepoint()
{
    m_sql->run(QStringLiteral("RELEASE SAVEPOINT job")).finish();
}
void SqlStore::rollbackToSavepoint()
{
    m_sql->run(QStringLiteral("ROLLBACK TO SAVEPOINT job")).finish();
    m_sql->run(QStringLiteral("RELEASE SAVEPOINT job")).finish();
}

} // namespace palaver::server
