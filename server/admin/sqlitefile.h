#pragma once
// A plain sqlite3 connection for backup and check: they work on the file as SQLite sees it,
// without migrating it (a damaged file must be reported, not changed).
#include <QString>
#include <QStringList>
#include <optional>

struct sqlite3;

namespace palaver::server::admin {

class SqliteFile
{
public:
    /// Opens an existing file (create = false) or a new one; see ok() and error().
    SqliteFile(const QString& path, bool create);
    ~SqliteFile();
    SqliteFile(const SqliteFile&) = delete;
    SqliteFile& operator=(const SqliteFile&) = delete;

    bool ok() const { return m_db != nullptr && m_error.isEmpty(); }
    QString error() const { return m_error; }
    sqlite3* handle() const { return m_db; }

    /// Every row's columns joined by " | "; nullopt with error() set when the statement fails.
    std::optional<QStringList> rows(const QString& sql, int maxRows = 1000);
    /// The first column of the first row, or nullopt.
    std::optional<QString> scalar(const QString& sql);

private:
    sqlite3* m_db = nullptr;
    QString m_error;
};

} // namespace palaver::server::admin
