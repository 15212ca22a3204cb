#include "server/storage/sqlitestorefactory.h"

#include "server/storage/migrator.h"
#include "server/storage/sqlstore.h"
#include "server/storage/storeerror.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <sqlite3.h>

namespace palaver::server {
namespace {
// palaver_fold(text): Unicode case folding, so "Ärger" finds "ärger" and "Émile" finds
// "émile"; SQLite's lower() and LIKE fold only ASCII.
void foldFunction(sqlite3_context* context, int, sqlite3_value** args)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(args[0]));
    if (!text) {
        sqlite3_result_null(context);
        return;
    }
    const QByteArray folded = QString::fromUtf8(text).toCaseFolded().toUtf8();
    sqlite3_result_text(context, folded.constData(), int(folded.size()), SQLITE_TRANSIENT);
}

void registerFunctions(const QSqlDatabase& db, const QString& path)
{
    const QVariant handle = db.driver()->handle();
    sqlite3* raw = handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0
        ? *static_cast<sqlite3* const*>(handle.data())
        : nullptr;
    if (!raw ||
        sqlite3_create_function_v2(raw, "palaver_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
            nullptr, foldFunction, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw StoreError(QStringLiteral("cannot register SQL functions on %1").arg(path));
}
} // namespace

std::unique_ptr<Store> SqliteStoreFactory::open(const QString& name, bool readOnly)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    // Waiting briefly on a lock beats failing: checkpoints and the migration take it shortly.
    db.setConnectOptions(readOnly
            ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY")
            : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        const QString why = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw StoreError(QStringLiteral("cannot open %1: %2").arg(m_path, why));
    }
    registerFunctions(db, m_path);
    auto connection = std::make_unique<SqlConnection>(name);
    if (!readOnly) {
        // WAL lets readers run beside the writer; FULL fsyncs the log at each commit, which
        // group commit makes affordable, so an ack survives power loss, not only kill -9.
        connection->exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        connection->exec(QStringLiteral("PRAGMA synchronous = FULL"));
    }
    connection->exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    connection->exec(QStringLiteral("PRAGMA cache_size = -16000"));
    return std::make_unique<SqlStore>(std::move(connection));
}

void SqliteStoreFactory::migrate()
{
    auto store = open(QStringLiteral("palaver-migrate"), false);
    auto& sql = static_cast<SqlStore&>(*store).connection();
    // Message search is an FTS5 table (migration 005): say so plainly rather than fail there
    // with "no such module".
    if (sql.scalar(QStringLiteral("SELECT sqlite_compileoption_used('ENABLE_FTS5')"))
            .value_or(0)
            .toInt() != 1)
        throw StoreError(QStringLiteral("the SQLite library (%1) is built without FTS5, which "
                                        "message search needs: install one with FTS5 "
                                        "(Debian's libsqlite3-0 has it)")
                             .arg(QString::fromUtf8(sqlite3_libversion())));
    Migrator(sql, QStringLiteral(":/palaver/migrations/sqlite")).run();
}

} // namespace palaver::server
