#include "server/storage/sqlstore.h"

namespace palaver::server {

SqlStore::SqlStore(std::unique_ptr<SqlConnection> connection)
    : m_sql(std::move(connection))
    , m_users(*m_sql)
    , m_events(*m_sql)
    , m_rooms(*m_sql, m_events)
    , m_audit(*m_sql)
    , m_admin(*m_sql)
    , m_files(*m_sql)
{ }

void SqlStore::begin()
{
    m_sql->exec(m_sql->dialect().beginWrite());
}
void SqlStore::beginRead()
{
    m_sql->exec(m_sql->dialect().beginRead());
}
void SqlStore::commit()
{
    m_sql->exec(QStringLiteral("COMMIT"));
}
void SqlStore::rollback()
{
    m_sql->exec(QStringLiteral("ROLLBACK"));
}
// One savepoint per job, so one refused or failing request leaves the rest of its batch.
void SqlStore::savepoint()
{
    m_sql->control(QStringLiteral("SAVEPOINT job"));
}
void SqlStore::releaseSavepoint()
{
    m_sql->control(QStringLiteral("RELEASE SAVEPOINT job"));
}
void SqlStore::rollbackToSavepoint()
{
    m_sql->control(QStringLiteral("ROLLBACK TO SAVEPOINT job"));
    m_sql->control(QStringLiteral("RELEASE SAVEPOINT job"));
}

} // namespace palaver::server
