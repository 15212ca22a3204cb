#pragma once
#include "server/storage/sqladminstore.h"
#include "server/storage/sqlauditstore.h"
#include "server/storage/sqlconnection.h"
#include "server/storage/sqleventstore.h"
#include "server/storage/sqlfilestore.h"
#include "server/storage/sqlroomstore.h"
#include "server/storage/sqlsearchstore.h"
#include "server/storage/sqluserstore.h"
#include "server/storage/store.h"

#include <memory>

namespace palaver::server {

/// The Store over one SQL connection, SQLite or PostgreSQL: one SQL text, SqlDialect for the
/// few words that differ.
class SqlStore final : public Store
{
public:
    explicit SqlStore(std::unique_ptr<SqlConnection> connection);

    UserStore& users() override { return m_users; }
    RoomStore& rooms() override { return m_rooms; }
    EventStore& events() override { return m_events; }
    SearchStore& search() override { return m_search; }
    AuditStore& audit() override { return m_audit; }
    AdminStore& admin() override { return m_admin; }
    FileStore& files() override { return m_files; }

    void begin() override;
    void beginRead() override;
    void commit() override;
    void rollback() override;
    void savepoint() override;
    void releaseSavepoint() override;
    void rollbackToSavepoint() override;

    /// Raw access for migrations and tests that must break things on purpose.
    SqlConnection& connection() { return *m_sql; }

private:
    std::unique_ptr<SqlConnection> m_sql;
    SqlUserStore m_users;
    SqlEventStore m_events;
    SqlRoomStore m_rooms;
    SqlSearchStore m_search;
    SqlAuditStore m_audit;
    SqlAdminStore m_admin;
    SqlFileStore m_files;
};

} // namespace palaver::server
