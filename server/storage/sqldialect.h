#pragma once
// What differs between the SQL databases Palaver runs on, in one place: the store code keeps
// one SQL text and asks here for the few words that are not portable.
#include <QList>
#include <QString>
#include <QStringList>
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
    /// The ORDER BY that picks the newest `limit` hits. SQLite: the index's rowid, descending,
    /// which FTS5 walks without sorting and stops at the limit (rowids follow commit order, so
    /// time order with one writer); PostgreSQL: ts, seq, room.
    const QString& searchRecency() const { return m_searchRecency; }
    /// SQLite: the statements that put the messages stored since the last time into FTS5,
    /// run once per write transaction before COMMIT (see migration 005); none on PostgreSQL,
    /// whose generated column is indexed with the row.
    const QStringList& searchIndexPending() const { return m_searchIndexPending; }

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
    QString m_searchRecency;
    QStringList m_searchIndexPending;
};

} // namespace palaver::server
