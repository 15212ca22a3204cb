#include "server/storage/migrator.h"

#include "server/logging.h"
#include "server/storage/sqlconnection.h"
#include "server/storage/storeerror.h"

#include <QDir>
#include <QFile>

namespace palaver::server {
namespace {
// Statements end with ';' at the end of a line; comments are whole lines starting with '--'.
QStringList statementsOf(const QString& script)
{
    QStringList statements;
    QString current;
    for (const QString& line : script.split(u'\n')) {
        if (line.trimmed().startsWith(QStringLiteral("--")))
            continue;
        current += line + u'\n';
        if (line.trimmed().endsWith(u';')) {
            statements.append(current.trimmed());
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}
} // namespace

int Migrator::run()
{
    m_sql.exec(
        QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
    int current =
        m_sql.scalar(QStringLiteral("SELECT MAX(version) FROM schema_version")).value_or(0).toInt();
    const QStringList files =
        QDir(m_directory).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    // A database a newer server has migrated may hold what this one cannot read or would
    // damage: refuse it rather than guess (downgrades go through a backup).
    const int known = files.isEmpty() ? 0 : files.last().section(u'_', 0, 0).toInt();
    if (current > known)
        throw StoreError(QStringLiteral("the database has schema version %1, newer than this "
                                        "server's %2: run the newer palaver-server or restore "
                                        "a backup")
                             .arg(current)
                             .arg(known));
    for (const QString& file : files) {
        const int version = file.section(u'_', 0, 0).toInt();
        if (version <= current)
            continue;
        QFile f(m_directory + u'/' + file);
        if (!f.open(QIODevice::ReadOnly))
            throw StoreError(QStringLiteral("cannot read migration %1").arg(file));
        m_sql.exec(m_sql.dialect().beginWrite());
        try {
            for (const QString& statement : statementsOf(QString::fromUtf8(f.readAll())))
                m_sql.exec(statement);
            m_sql.run(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"), {version});
            m_sql.exec(QStringLiteral("COMMIT"));
        } catch (const StoreError&) {
            m_sql.exec(QStringLiteral("ROLLBACK"));
            throw;
        }
        qCInfo(lcStorage) << "applied migration" << file;
        current = version;
    }
    return current;
}

} // namespace palaver::server
