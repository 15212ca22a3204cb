#include "tests/integration/tst_search_schema.h"

#include "tests/support/serverprocess.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>
#include <QUuid>
#include <QtDebug>

using namespace Qt::StringLiterals;

namespace searchschema {
namespace {
bool execute(const ServerProcess& server, const QStringList& statements)
{
    const QString name = QUuid::createUuid().toString();
    bool done = true;
    {
        QSqlDatabase db;
        if (server.databaseUrl().isEmpty()) {
            db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(server.dataDir() + u"/palaver.db"_s);
        } else {
            const QUrl url(server.databaseUrl());
            db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName(QUrl::FullyDecoded));
            db.setPassword(url.password(QUrl::FullyDecoded));
            db.setDatabaseName(url.path(QUrl::FullyDecoded).mid(1));
        }
        if (!db.open()) {
            qWarning() << "cannot open the database:" << db.lastError().text();
            done = false;
        }
        for (const QString& sql : statements) {
            if (!done)
                break;
            QSqlQuery query(db);
            if (!query.exec(sql)) {
                qWarning() << sql << query.lastError().text();
                done = false;
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return done;
}
} // namespace

bool remove(const ServerProcess& server)
{
    if (server.databaseUrl().isEmpty())
        return execute(server,
            {u"DROP TRIGGER message_text_delete"_s, u"DROP TRIGGER message_text_update"_s,
                u"DROP TABLE message_search"_s, u"DROP TABLE message_text"_s,
                u"DROP TABLE search_state"_s, u"DELETE FROM schema_version WHERE version = 5"_s});
    return execute(server,
        {u"DROP TABLE message_text"_s, u"DROP FUNCTION palaver_search_text(text)"_s,
            u"DELETE FROM schema_version WHERE version = 5"_s});
}

bool blockUnaccent(const ServerProcess& server)
{
    return execute(server,
        {u"DROP EXTENSION IF EXISTS unaccent"_s,
            u"CREATE FUNCTION public.unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE "
            u"AS 'SELECT $1'"_s});
}

} // namespace searchschema
