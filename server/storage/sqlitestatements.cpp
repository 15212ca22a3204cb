#include "server/storage/sqlitestatements.h"

#include "server/storage/storeerror.h"

#include <sqlite3.h>

namespace palaver::server {

SqliteStatements::~SqliteStatements()
{
    for (sqlite3_stmt* statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
}

sqlite3_stmt* SqliteStatements::prepare(const QString& sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return *it;
    sqlite3_stmt* statement = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT,
            &statement, nullptr) != SQLITE_OK)
        throw StoreError(QStringLiteral("prepare failed: %1: %2")
                             .arg(sql, QString::fromUtf8(sqlite3_errmsg(m_db))));
    m_statements.insert(sql, statement);
    return statement;
}

std::optional<IntRow> SqliteStatements::run(const QString& sql, std::initializer_list<SqlArg> args)
{
    sqlite3_stmt* statement = prepare(sql);
    int index = 1;
    for (const SqlArg& arg : args) {
        int rc = SQLITE_OK;
        if (const auto* number = std::get_if<qint64>(&arg)) {
            rc = sqlite3_bind_int64(statement, index, *number);
        } else if (const auto* text = std::get_if<QString>(&arg)) {
            // A null QString is "" here, as SqlConnection::run binds it: text columns mean
            // "" by it, never NULL.
            const QByteArray utf8 = text->toUtf8();
            rc = sqlite3_bind_text(
                statement, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        } else if (const auto* blob = std::get_if<QByteArray>(&arg)) {
            rc = sqlite3_bind_blob(
                statement, index, blob->constData(), int(blob->size()), SQLITE_TRANSIENT);
        } else {
            rc = sqlite3_bind_null(statement, index);
        }
        if (rc != SQLITE_OK) {
            sqlite3_reset(statement);
            throw StoreError(QStringLiteral("bind failed: %1").arg(sql));
        }
        ++index;
    }
    const int rc = sqlite3_step(statement);
    std::optional<IntRow> row;
    if (rc == SQLITE_ROW) {
        row.emplace();
        const int columns = std::min(sqlite3_column_count(statement), 8);
        for (int i = 0; i < columns; ++i)
            row->values[size_t(i)] = sqlite3_column_int64(statement, i);
    }
    // reset() releases the statement's read lock; errmsg and extended_errcode still describe
    // the step's failure afterwards.
    sqlite3_reset(statement);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        const QString text =
            QStringLiteral("query failed: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db)));
        const int extended = sqlite3_extended_errcode(m_db);
        if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
            throw StoreConflict(text);
        throw StoreError(text);
    }
    return row;
}

} // namespace palaver::server
