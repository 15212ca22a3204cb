#pragma once
// One QSqlDatabase connection with a cache of prepared statements. Every failure throws
// StoreError, so store code reads as the SQL it runs.
#include "server/storage/sqlarg.h"

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
    /// For the statements every send runs: binds without QVariant and returns the first row's
    /// integer columns (nullopt when there is no row). Native sqlite3 statements on SQLite,
    /// QtSql elsewhere.
    std::optional<IntRow> runInts(const QString& sql, std::initializer_list<SqlArg> args = {});
    /// Runs a statement that is not worth caching (pragmas, DDL, transaction control).
    void exec(const QString& sql);
    /// First column of the first row, or nullopt when there is no row.
    std::optional<QVariant> scalar(const QString& sql, std::initializer_list<QVariant> args = {});

    /// The SQL function that folds case for searches, Unicode-aware. Each SQLite connection
    /// registers it (SQLite's own lower() folds ASCII only; PostgreSQL's lower() is enough).
    static inline const QString kCaseFold = QStringLiteral("palaver_fold");
    /// A LIKE pattern (with ESCAPE '\\') matching `text` anywhere, case-folded; the user's
    /// own % and _ are matched literally.
    static QString containsPattern(const QString& text);

    QSqlDatabase database() const;
    QString driverName() const;

private:
    QSqlQuery& prepared(const QString& sql);

    QString m_name;
    QHash<QString, QSqlQuery> m_statements;
    std::unique_ptr<class SqliteStatements> m_native; ///< set on SQLite connections
};

} // namespace palaver::server
