#include "tests/support/postgresdatabase.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>
#include <QtDebug>

PostgresDatabase::PostgresDatabase(QString serverUrl)
    : m_serverUrl(std::move(serverUrl))
{
    if (m_serverUrl.isEmpty()) {
        m_error = QStringLiteral("PALAVER_TEST_DATABASE=postgresql needs PALAVER_TEST_POSTGRES="
                                 "postgresql://USER:PASS@HOST:PORT/DB (./test.sh starts a "
                                 "private PostgreSQL and sets it)");
        return;
    }
    m_name = QStringLiteral("palaver_test_%1_%2")
                 .arg(QCoreApplication::applicationPid())
                 .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    QUrl url(m_serverUrl);
    url.setPath(u'/' + m_name);
    m_url = url.toString(QUrl::FullyEncoded);
    // template0 with an explicit UTF-8 locale: lower() must fold all of Unicode, as on SQLite.
    if (!execute(QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING 'UTF8' "
                                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
                     .arg(m_name)))
        m_name.clear();
}

PostgresDatabase::~PostgresDatabase()
{
    if (!m_name.isEmpty() &&
        !execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name)))
        qWarning() << "cannot drop" << m_name << m_error;
}

bool PostgresDatabase::execute(const QString& sql)
{
    const QString connection = QUuid::createUuid().toString();
    bool done = false;
    {
        const QUrl url(m_serverUrl);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        db.setDatabaseName(url.path(QUrl::FullyDecoded).mid(1));
        if (!db.open()) {
            m_error = QStringLiteral("cannot connect to PALAVER_TEST_POSTGRES: %1")
                          .arg(db.lastError().text());
        } else {
            QSqlQuery query(db);
            done = query.exec(sql);
            if (!done)
                m_error = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return done;
}
