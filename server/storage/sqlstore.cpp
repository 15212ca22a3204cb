#include "server/storage/sqlstore.h"

namespace palaver::server {

SqlStore::SqlStore(std::unique_ptr<SqlConnection> connection)
    : m_sql(std::move(connection))
    , m_users(*m_sql)
    , m_events(*m_sql)
    , m_rooms(*m_sql, m_events)
    , m_audit(*m_sql)
    , m_admin(*m_sql)
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
// One savepoint per job: prepared once, not parsed again every time (exec() showed as 5 % of
// the writer thread under ingest).
void SqlStore::savepoint()
{
    m_sql->runInts(QStringLiteral("SAVEPOINT job"));
}
void SqlStore::releaseSavepoint()
{
    m_sql->runInts(QStringLiteral("RELEASE SAVEPOINT job"));
}
void SqlStore::rollbackToSavepoint()
{
    m_sql->runInts(QStringLiteral("ROLLBACK TO SAVEPOINT job"));
    m_sql->runInts(QStringLiteral("RELEASE SAVEPOINT job"));
}

} // namespace palaver::server
