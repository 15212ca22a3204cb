#include "server/storage/sqlconnection.h"

#include "server/storage/storeerror.h"

#include <QSqlError>

namespace palaver::server {

SqlConnection::SqlConnection(const QString& connectionName)
    : m_name(connectionName)
{ }

SqlConnection::~SqlConnection()
{
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlQuery& SqlConnection::run(const QString& sql, std::initializer_list<QVariant> args)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(database());
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            throw StoreError(QStringLiteral("prepare failed: %1").arg(query.lastError().text()));
        it = m_statements.insert(sql, std::move(query));
    }
    QSqlQuery& query = *it;
    query.finish();
    int i = 0;
    for (const QVariant& arg : args) {
        // Qt binds a null QString as SQL NULL; Palaver's text columns mean "" by it.
        if (arg.typeId() == QMetaType::QString && arg.toString().isNull())
            query.bindValue(i++, QStringLiteral(""));
        else
            query.bindValue(i++, arg);
    }
    if (!query.exec())
        throw StoreError(QStringLiteral("query failed: %1").arg(query.lastError().text()));
    return query;
}

void SqlConnection::exec(const QString& sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql))
        throw StoreError(QStringLiteral("'%1' failed: %2").arg(sql, query.lastError().text()));
}

std::optional<QVariant> SqlConnection::scalar(
    const QString& sql, std::initializer_list<QVariant> args)
{
    QSqlQuery& query = run(sql, args);
    std::optional<QVariant> value;
    if (query.next())
        value = query.value(0);
    query.finish();
    return value;
}

QString SqlConnection::containsPattern(const QString& text)
{
    QString escaped = text.toCaseFolded();
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

QSqlDatabase SqlConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

QString SqlConnection::driverName() const
{
    return database().driverName();
}

} // namespace palaver::server
