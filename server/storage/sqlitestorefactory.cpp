#include "server/storage/sqlitestorefactory.h"

#include "server/storage/migrator.h"
#include "server/storage/sqlstore.h"
#include "server/storage/storeerror.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace palaver::server {

std::unique_ptr<Store> SqliteStoreFactory::open(const QString& name, bool readOnly)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    // Waiting briefly on a lock beats failing: checkpoints and the migration take it shortly.
    db.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY")
                                  : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        const QString why = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw StoreError(QStringLiteral("cannot open %1: %2").arg(m_path, why));
    }
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
    Migrator(sql, QStringLiteral(":/palaver/migrations/sqlite")).run();
}

} // namespace palaver::server
