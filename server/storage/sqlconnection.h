#pragma once
// One QSqlDatabase connection with a cache of prepared statements. Every failure throws
// StoreError, so store code reads as the SQL it runs.
#include "server/storage/sqlarg.h"
#include "server/storage/sqldialect.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>
#include <initializer_list>
#include <memory>

namespace palaver::server {

class SqlConnection
{
public:
    /// Takes an open connection; removes it from QSqlDatabase's registry on destruction.
    explicit SqlConnection(const QString& connectionName);
    ~SqlConnection();
    SqlConnection(const SqlConnection&) = delete;
    SqlConnection& operator=(const SqlConnection&) = delete;

    /// Prepares (once) and runs a statement with positional arguments; the returned query is
    /// positioned before the first row and stays valid until the next run() of the same SQL.
    QSqlQuery& run(const QString& sql, std::initializer_list<QVariant> args = {});
    /// The same with arguments counted at run time (SQL assembled from optional parts).
    QSqlQuery& run(const QString& sql, const QList<QVariant>& args);
    /// For the statements every send runs: binds without QVariant and returns the first row's
    /// integer columns (nullopt when there is no row). Native sqlite3 statements on SQLite,
    /// QtSql elsewhere.
    std::optional<IntRow> runInts(const QString& sql, std::initializer_list<SqlArg> args = {});
    /// Runs a statement that is not worth caching (pragmas, DDL, BEGIN/COMMIT).
    void exec(const QString& sql);
    /// Runs the savepoint statements every job runs: prepared where the database allows it.
    void control(const QString& sql);
    /// First column of the first row, or nullopt when there is no row.
    std::optional<QVariant> scalar(const QString& sql, std::initializer_list<QVariant> args = {});

    /// What differs between SQLite and PostgreSQL (see SqlDialect).
    const SqlDialect& dialect() const { return m_dialect; }
    /// A LIKE pattern (with ESCAPE '\\') matching `text` anywhere, case-folded; the user's
    /// own % and _ are matched literally.
    static QString containsPattern(const QString& text);

    QSqlDatabase database() const;
    QString driverName() const;

private:
    QSqlQuery& prepared(const QString& sql);

    QString m_name;
    const SqlDialect& m_dialect;
    QHash<QString, QSqlQuery> m_statements;
    std::unique_ptr<class SqliteStatements> m_native; ///< set on SQLite connections
};

} // namespace palaver::server
