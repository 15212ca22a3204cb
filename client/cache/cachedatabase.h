#pragma once
// Opens one account's SQLite cache, in WAL mode, with its schema migrated to the newest
// version. Every other cache class runs its statements through this one.
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>
#include <optional>

class QSqlQuery;

namespace palaver::client {

/// An open cache database and a few helpers to run statements on it.
class CacheDatabase
{
public:
    /// Opens (creating if needed) the database file at `path`; check isOpen().
    explicit CacheDatabase(const QString& path);
    ~CacheDatabase();
    CacheDatabase(const CacheDatabase&) = delete;
    CacheDatabase& operator=(const CacheDatabase&) = delete;

    bool isOpen() const { return m_open; }
    /// The schema version after migrating.
    int schemaVersion() const { return m_version; }
    QString path() const { return m_path; }

    /// Runs a statement with positional bindings; false (and a warning) on failure.
    bool run(const QString& sql, const QVariantList& values = {});
    /// Prepares and executes a query, ready for next(); isActive() is false on failure.
    QSqlQuery query(const QString& sql, const QVariantList& values = {});

    /// Groups writes into one transaction (one fsync) for bulk inserts.
    bool begin();
    bool commit();
    void rollback();

private:
    bool migrate();

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_open = false;
    int m_version = 0;
};

} // namespace palaver::client
