#include "client/cache/cachedatabase.h"

#include "client/cache/cachemigrations.h"
#include "client/logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace palaver::client {

CacheDatabase::CacheDatabase(const QString& path)
    : m_path(path)
    , m_connectionName(u"palaver-cache-"_s + QUuid::createUuid().toString())
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        qCWarning(lcClientCache) << "cannot open cache" << path << m_db.lastError().text();
        return;
    }
    // WAL: readers never wait for a write. In WAL mode NORMAL survives an application crash;
    // only a power cut can lose the last commits, and all but the outbox comes back from the
    // server. FULL would cost an fsync per pushed event.
    run(u"PRAGMA journal_mode = WAL"_s);
    run(u"PRAGMA synchronous = NORMAL"_s);
    run(u"PRAGMA foreign_keys = ON"_s);
    m_open = migrate();
}

CacheDatabase::~CacheDatabase()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool CacheDatabase::migrate()
{
    if (!run(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s))
        return false;
    QSqlQuery current = query(u"SELECT COALESCE(MAX(version), 0) FROM schema_version"_s);
    m_version = current.next() ? current.value(0).toInt() : 0;
    for (const CacheMigration& migration : cacheMigrations()) {
        if (migration.version <= m_version)
            continue;
        begin();
        bool ok = true;
        for (const QString& statement : migration.statements)
            ok = ok && run(statement);
        ok = ok && run(u"INSERT INTO schema_version (version) VALUES (?)"_s, {migration.version});
        if (!ok || !commit()) {
            rollback();
            qCWarning(lcClientCache) << "cache migration" << migration.version << "failed";
            return false;
        }
        m_version = migration.version;
    }
    return true;
}

bool CacheDatabase::run(const QString& sql, const QVariantList& values)
{
    return query(sql, values).isActive();
}

QSqlQuery CacheDatabase::query(const QString& sql, const QVariantList& values)
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql)) {
        qCWarning(lcClientCache) << "cannot prepare" << sql << q.lastError().text();
        return q;
    }
    for (const QVariant& value : values)
        q.addBindValue(value);
    if (!q.exec())
        qCWarning(lcClientCache) << "statement failed" << sql << q.lastError().text();
    return q;
}

bool CacheDatabase::begin()
{
    return m_db.transaction();
}

bool CacheDatabase::commit()
{
    return m_db.commit();
}

void CacheDatabase::rollback()
{
    m_db.rollback();
}

} // namespace palaver::client
