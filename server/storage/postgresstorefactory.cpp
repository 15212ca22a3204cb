#include "server/storage/postgresstorefactory.h"

#include "server/logging.h"
#include "server/storage/migrator.h"
#include "server/storage/sqlstore.h"
#include "server/storage/storeerror.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace palaver::server {
namespace {
// Any constant works as long as every node uses the same one: "palaver" in ASCII.
constexpr qint64 kMigrationLock = 0x70616c61766572;
} // namespace

std::unique_ptr<Store> PostgresStoreFactory::open(const QString& name, bool readOnly)
{
    Q_UNUSED(readOnly) // reads run in READ ONLY transactions (SqlDialect::beginRead)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_url.host);
        db.setPort(m_url.port);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
        db.setDatabaseName(m_url.database);
        // A short connect timeout: a node whose database is away answers `internal` quickly
        // instead of holding its writer; the name shows in pg_stat_activity. NOTICEs (such as
        // "schema_version already exists") would go to stderr unformatted: warnings and up only.
        db.setConnectOptions(QStringLiteral("connect_timeout=3;application_name=palaver-server/%1;"
                                            "options=-cclient_min_messages=warning")
                                 .arg(name));
        if (!db.open()) {
            const QString why = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            // The caller's message names the database (description()).
            throw StoreConnectionLost(QStringLiteral("cannot connect: %1").arg(why));
        }
    }
    return std::make_unique<SqlStore>(std::make_unique<SqlConnection>(name));
}

void PostgresStoreFactory::migrate()
{
    auto store = open(QStringLiteral("palaver-migrate"), false);
    auto& sql = static_cast<SqlStore&>(*store).connection();
    // A session lock: released by the unlock below, or by closing the connection on failure.
    sql.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLock));
    Migrator(sql, QStringLiteral(":/palaver/migrations/postgresql")).run();
    sql.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLock));
    // lower() folds only ASCII in the C locale: searches would miss "Ärger" for "ärger".
    const QString ctype = sql.scalar(QStringLiteral("SELECT datctype FROM pg_database WHERE "
                                                    "datname = current_database()"))
                              .value_or(QVariant())
                              .toString();
    if (ctype == u"C" || ctype == u"POSIX")
        qCWarning(lcStorage) << "database" << description() << "has LC_CTYPE" << ctype
                             << "- searches fold case for ASCII only; create it with a UTF-8 "
                                "locale (e.g. C.UTF-8)";
}

} // namespace palaver::server
