#include "server/storage/sqldialect.h"

#include "server/storage/searchquery.h"
#include "server/storage/storeerror.h"

#include <QSqlError>

namespace palaver::server {
namespace {
bool isUniqueViolation(SqlDialect::Engine engine, const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    if (engine == SqlDialect::Engine::Postgres)
        return code == QLatin1String("23505");
    // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY, or the primary code when QtSql reports only it.
    return code == QLatin1String("2067") || code == QLatin1String("1555") ||
        (code == QLatin1String("19") &&
            error.databaseText().contains(QLatin1String("UNIQUE constraint failed")));
}

bool isConnectionLoss(const QSqlError& error)
{
    if (error.type() == QSqlError::ConnectionError)
        return true;
    // libpq reports a dead socket without a SQLSTATE; class 08 is connection exceptions and
    // 57P01..03 the server shutting down (pg_ctl stop -m fast) or not accepting yet.
    const QString code = error.nativeErrorCode();
    return code.isEmpty() || code.startsWith(QLatin1String("08")) ||
        code == QLatin1String("57P01") || code == QLatin1String("57P02") ||
        code == QLatin1String("57P03");
}
} // namespace

SqlDialect::SqlDialect(Engine engine)
    : m_engine(engine)
{
    if (engine == Engine::Sqlite) {
        m_beginWrite = QStringLiteral("BEGIN IMMEDIATE");
        m_beginRead = QStringLiteral("BEGIN"); // WAL: a read transaction is one snapshot
        m_caseFold = QStringLiteral("palaver_fold");
        m_greatest = QStringLiteral("MAX");
        m_least = QStringLiteral("MIN");
        m_searchSource =
            QStringLiteral("message_search AS s JOIN message_text AS t ON t.id = s.rowid");
        m_searchRecency = QStringLiteral("s.rowid DESC");
        m_searchIndexPending = {
            QStringLiteral("INSERT INTO message_search (rowid, text) SELECT id, text "
                           "FROM message_text WHERE id > (SELECT indexed_id FROM search_state)"),
            QStringLiteral("UPDATE search_state SET indexed_id = MAX(indexed_id, "
                           "(SELECT COALESCE(MAX(id), 0) FROM message_text))")};
    } else {
        // READ COMMITTED for writes: each statement sees the latest commits, so a job run
        // again after a unique violation finds the row the other node committed.
        m_beginWrite = QStringLiteral("BEGIN");
        m_beginRead = QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        m_caseFold = QStringLiteral("lower");
        m_greatest = QStringLiteral("GREATEST");
        m_least = QStringLiteral("LEAST");
        m_searchSource = QStringLiteral("message_text AS t");
        m_searchRecency = QStringLiteral("t.ts DESC, t.seq DESC, t.room_id DESC");
    }
}

const SqlDialect& SqlDialect::forDriver(const QString& driverName)
{
    static const SqlDialect sqlite(Engine::Sqlite);
    static const SqlDialect postgres(Engine::Postgres);
    return driverName == QLatin1String("QPSQL") ? postgres : sqlite;
}

QString SqlDialect::joinedNames(const QString& column) const
{
    if (m_engine == Engine::Sqlite)
        return QStringLiteral("group_concat(%1, ', ')").arg(column);
    return QStringLiteral("string_agg(%1, ', ' ORDER BY %1)").arg(column);
}

QString SqlDialect::searchMatch(const SearchQuery& query, QList<QVariant>& args) const
{
    if (m_engine == Engine::Sqlite) {
        args.append(query.fts5Expression());
        return QStringLiteral("message_search MATCH ?");
    }
    // PostgreSQL parses the words itself: plainto_tsquery ignores all query syntax, and the
    // last word becomes a prefix by appending :* to the tsquery PostgreSQL printed (its own
    // quoting), never to user text. palaver_search_text is unaccent where the extension is.
    static const QString kPrefix = QStringLiteral(
        "(SELECT CASE WHEN numnode(p) = 0 THEN p ELSE (p::text || ':*')::tsquery END "
        "FROM plainto_tsquery('simple', palaver_search_text(?)) AS p)");
    if (query.words().size() == 1) {
        args.append(query.lastWord());
        return QStringLiteral("t.words @@ %1").arg(kPrefix);
    }
    args.append(query.leadingWords());
    args.append(query.lastWord());
    return QStringLiteral("t.words @@ (plainto_tsquery('simple', palaver_search_text(?)) && %1)")
        .arg(kPrefix);
}

void SqlDialect::raise(const QString& context, const QSqlError& error) const
{
    const QString text = QStringLiteral("%1: %2").arg(context, error.text());
    if (isUniqueViolation(m_engine, error))
        throw StoreConflict(text);
    if (m_engine == Engine::Postgres) {
        const QString code = error.nativeErrorCode();
        if (code == QLatin1String("40P01") || code == QLatin1String("40001"))
            throw StoreTransactionAborted(text);
        if (isConnectionLoss(error))
            throw StoreConnectionLost(text);
    }
    throw StoreError(text);
}

} // namespace palaver::server
