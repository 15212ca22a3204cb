#include "server/storage/sqlconnection.h"

#include "server/storage/sqlitestatements.h"
#include "server/storage/storeerror.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <sqlite3.h>

namespace palaver::server {

SqlConnection::SqlConnection(const QString& connectionName)
    : m_name(connectionName)
    , m_dialect(SqlDialect::forDriver(database().driverName()))
{
    const QVariant handle = database().driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        if (sqlite3* raw = *static_cast<sqlite3* const*>(handle.data()))
            m_native = std::make_unique<SqliteStatements>(raw);
    }
}

SqlConnection::~SqlConnection()
{
    m_native.reset(); // finalised before the connection closes
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlQuery& SqlConnection::prepared(const QString& sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery query(database());
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            m_dialect.raise(QStringLiteral("prepare failed"), query.lastError());
        it = m_statements.insert(sql, std::move(query));
    }
    it->finish();
    return *it;
}

QSqlQuery& SqlConnection::run(const QString& sql, std::initializer_list<QVariant> args)
{
    return run(sql, QList<QVariant>(args));
}

QSqlQuery& SqlConnection::run(const QString& sql, const QList<QVariant>& args)
{
    QSqlQuery& query = prepared(sql);
    int i = 0;
    for (const QVariant& arg : args) {
        // Qt binds a null QString as SQL NULL; Palaver's text columns mean "" by it.
        if (arg.typeId() == QMetaType::QString && arg.toString().isNull())
            query.bindValue(i++, QStringLiteral(""));
        else
            query.bindValue(i++, arg);
    }
    if (!query.exec())
        m_dialect.raise(QStringLiteral("query failed"), query.lastError());
    return query;
}

std::optional<IntRow> SqlConnection::runInts(const QString& sql, std::initializer_list<SqlArg> args)
{
    if (m_native)
        return m_native->run(sql, args);
    QList<QVariant> values;
    for (const SqlArg& arg : args) {
        if (const auto* number = std::get_if<qint64>(&arg))
            values.append(*number);
        else if (const auto* text = std::get_if<QString>(&arg))
            values.append(text->isNull() ? QStringLiteral("") : *text);
        else if (const auto* blob = std::get_if<QByteArray>(&arg))
            values.append(*blob);
        else
            values.append(QVariant());
    }
    QSqlQuery& query = prepared(sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec())
        m_dialect.raise(QStringLiteral("query failed"), query.lastError());
    std::optional<IntRow> row;
    if (query.next()) {
        row.emplace();
        for (int i = 0; i < std::min(query.record().count(), 8); ++i)
            row->values[size_t(i)] = query.value(i).toLongLong();
    }
    query.finish();
    return row;
}

void SqlConnection::exec(const QString& sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql))
        m_dialect.raise(QStringLiteral("'%1' failed").arg(sql), query.lastError());
}

void SqlConnection::control(const QString& sql)
{
    if (m_dialect.preparesTransactionControl())
        runInts(sql); // parsed once, not on every job (exec() was 5 % of the writer thread)
    else
        exec(sql);
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
