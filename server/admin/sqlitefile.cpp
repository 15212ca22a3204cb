#include "server/admin/sqlitefile.h"

#include <sqlite3.h>

namespace palaver::server::admin {

SqliteFile::SqliteFile(const QString& path, bool create)
{
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    // The running server holds the write lock briefly per batch: wait, do not fail.
    sqlite3_busy_timeout(m_db, 5000);
}

SqliteFile::~SqliteFile()
{
    sqlite3_close(m_db);
}

std::optional<QStringList> SqliteFile::rows(const QString& sql, int maxRows)
{
    if (!m_db)
        return std::nullopt;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.toUtf8().constData(), -1, &stmt, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(stmt);
        return std::nullopt;
    }
    QStringList result;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (result.size() >= maxRows)
            continue; // keep stepping: the statement must run to its end to report errors
        QStringList columns;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            columns.append(text ? QString::fromUtf8(text) : QStringLiteral("NULL"));
        }
        result.append(columns.join(QStringLiteral(" | ")));
    }
    if (rc != SQLITE_DONE) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(stmt);
        return std::nullopt;
    }
    sqlite3_finalize(stmt);
    return result;
}

std::optional<QString> SqliteFile::scalar(const QString& sql)
{
    const auto result = rows(sql, 1);
    if (!result || result->isEmpty())
        return std::nullopt;
    return result->first();
}

} // namespace palaver::server::admin
