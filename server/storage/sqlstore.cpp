#include "server/storage/sqlstore.h"

namespace palaver::server {

SqlStore::SqlStore(std::unique_ptr<SqlConnection> connection)
    : m_sql(std::move(connection))
    , m_users(*m_sql)
    , m_events(*m_sql)
    , m_rooms(*m_sql, m_events)
    , m_search(*m_sql)
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
    // Messages this transaction stored join the search index here, once for the whole batch
    // (migration 005 says why not per statement); a job rolled back took its rows with it.
    if (m_events.takeUnindexed()) {
        for (const QString& statement : m_sql->dialect().searchIndexPending())
            m_sql->runInts(statement);
    }
    m_sql->exec(QStringLiteral("COMMIT"));
}
void SqlStore::rollback()
{
    m_events.forgetUnindexed();
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
