#pragma once
// What differs between the SQL databases Palaver runs on, in one place: the store code keeps
// one SQL text and asks here for the few words that are not portable.
#include <QList>
#include <QString>
#include <QVariant>

class QSqlError;

namespace palaver::server {
class SearchQuery;

class SqlDialect
{
public:
    enum class Engine { Sqlite, Postgres };

    /// The dialect of a QtSql driver name (QSQLITE, QPSQL).
    static const SqlDialect& forDriver(const QString& driverName);

    Engine engine() const { return m_engine; }
    /// Starts a write transaction: SQLite takes its write lock up front (IMMEDIATE), so a
    /// batch never fails half-way on a lock upgrade; PostgreSQL's row locks need nothing.
    const QString& beginWrite() const { return m_beginWrite; }
    /// Starts a read transaction that sees one snapshot for all its statements.
    const QString& beginRead() const { return m_beginRead; }
    /// The Unicode-aware case folding function for searches: palaver_fold (registered on
    /// each SQLite connection; SQLite's lower() folds ASCII only) or lower().
    const QString& caseFold() const { return m_caseFold; }
    /// Two-argument maximum and minimum: MAX/MIN on SQLite, GREATEST/LEAST on PostgreSQL.
    const QString& greatest() const { return m_greatest; }
    const QString& least() const { return m_least; }
    /// An aggregate joining `column` with ", " in the order of `column`.
    QString joinedNames(const QString& column) const;
    /// SAVEPOINT and friends can be prepared statements on SQLite; PostgreSQL cannot PREPARE
    /// transaction control, so they run as plain statements there.
    bool preparesTransactionControl() const { return m_engine == Engine::Sqlite; }

    /// Full-text search (migration 005): the FROM part that gives the indexed messages as `t`
    /// (message_text: room_id, seq, ts, text), and the condition that keeps those matching
    /// `query`, whose arguments it appends to `args`. SQLite: FTS5 over message_text;
    /// PostgreSQL: the tsvector column of message_text with its GIN index.
    const QString& searchSource() const { return m_searchSource; }
    QString searchMatch(const SearchQuery& query, QList<QVariant>& args) const;

    /// The StoreError subclass `error` amounts to (StoreConflict, StoreTransactionAborted,
    /// StoreConnectionLost or StoreError), thrown with `context` in its text.
    [[noreturn]] void raise(const QString& context, const QSqlError& error) const;

private:
    explicit SqlDialect(Engine engine);

    Engine m_engine;
    QString m_beginWrite;
    QString m_beginRead;
    QString m_caseFold;
    QString m_greatest;
    QString m_least;
    QString m_searchSource;
};

} // namespace palaver::server
