#pragma once
// Prepared statements on a connection's own sqlite3 handle, for the few statements every send
// runs (membership, client_mid lookup, seq, insert, savepoints). Through QtSql each bound value
// cost a QString::arg(":%1") and a hash insert inside QSqlResult::bindValue: 17 % of the writer
// thread under ingest (bench/RESULTS.md). The statements run in the same connection and so in
// the same transaction as everything QtSql runs on it.
#include "server/storage/sqlarg.h"

#include <QHash>
#include <QString>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace palaver::server {

class SqliteStatements
{
public:
    explicit SqliteStatements(sqlite3* db)
        : m_db(db)
    { }
    ~SqliteStatements();
    SqliteStatements(const SqliteStatements&) = delete;
    SqliteStatements& operator=(const SqliteStatements&) = delete;

    /// Prepares `sql` once, binds `args`, steps once: the first row's integer columns, or
    /// nullopt when there is none. Throws StoreError.
    std::optional<IntRow> run(const QString& sql, std::initializer_list<SqlArg> args);

private:
    sqlite3_stmt* prepare(const QString& sql);

    sqlite3* m_db;
    QHash<QString, sqlite3_stmt*> m_statements;
};

} // namespace palaver::server
