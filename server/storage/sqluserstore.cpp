#include "server/storage/sqluserstore.h"

#include "server/storage/sqlconnection.h"

#include <QSqlQuery>

namespace palaver::server {
namespace {
const QString kUserColumns =
    QStringLiteral("id, username, display_name, password_hash, last_seen, disabled");

UserRecord readUser(const QSqlQuery& q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toBool()};
}

std::optional<UserRecord> firstUser(QSqlQuery& q)
{
    std::optional<UserRecord> user;
    if (q.next())
        user = readUser(q);
    q.finish();
    return user;
}
} // namespace

std::optional<qint64> SqlUserStore::createUser(
    const QString& username, const QString& displayName, const QString& passwordHash, qint64 now)
{
    // ON CONFLICT keeps a taken name from raising an error that would look like a failure.
    QSqlQuery& q = m_sql.run(
        QStringLiteral("INSERT INTO users (username, display_name, password_hash, created_ts) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING RETURNING id"),
        {username, displayName, passwordHash, now});
    std::optional<qint64> id;
    if (q.next())
        id = q.value(0).toLongLong();
    q.finish();
    return id;
}

std::optional<UserRecord> SqlUserStore::userByName(const QString& username)
{
    return firstUser(m_sql.run(
        QStringLiteral("SELECT %1 FROM users WHERE username = ?").arg(kUserColumns), {username}));
}

std::optional<UserRecord> SqlUserStore::userById(qint64 id)
{
    return firstUser(
        m_sql.run(QStringLiteral("SELECT %1 FROM users WHERE id = ?").arg(kUserColumns), {id}));
}

QList<UserRecord> SqlUserStore::searchUsers(const QString& query, int limit)
{
    const QString pattern = SqlConnection::containsPattern(query);
    QSqlQuery& q = m_sql.run(
        QStringLiteral("SELECT %1 FROM users WHERE disabled = 0 AND (username LIKE ? ESCAPE '\\' "
                       "OR %2(display_name) LIKE ? ESCAPE '\\') ORDER BY username LIMIT ?")
            .arg(kUserColumns, m_sql.dialect().caseFold()),
        {pattern, pattern, limit});
    QList<UserRecord> users;
    while (q.next())
        users.append(readUser(q));
    q.finish();
    return users;
}

void SqlUserStore::setLastSeen(qint64 userId, qint64 ts)
{
    m_sql.run(QStringLiteral("UPDATE users SET last_seen = ? WHERE id = ?"), {ts, userId});
}

void SqlUserStore::createSession(
    const QByteArray& tokenHash, qint64 userId, const QString& device, qint64 now, qint64 expiresTs)
{
    m_sql.run(QStringLiteral("INSERT INTO sessions (token_hash, user_id, device, created_ts, "
                             "expires_ts) VALUES (?, ?, ?, ?, ?)"),
        {tokenHash, userId, device, now, expiresTs});
}

std::optional<qint64> SqlUserStore::resumeSession(
    const QByteArray& tokenHash, qint64 now, qint64 newExpiry)
{
    // Correlated EXISTS, not "user_id IN (SELECT id FROM users WHERE disabled = 0)": SQLite
    // materialises an uncorrelated IN list on every execution, so each resume read the whole
    // users table (10,000 reconnecting clients: 10^8 rows; bench/RESULTS.md, storm).
    QSqlQuery& q = m_sql.run(
        QStringLiteral("UPDATE sessions SET expires_ts = ? WHERE token_hash = ? AND expires_ts > ? "
                       "AND EXISTS (SELECT 1 FROM users WHERE users.id = sessions.user_id AND "
                       "users.disabled = 0) RETURNING user_id"),
        {newExpiry, tokenHash, now});
    std::optional<qint64> userId;
    if (q.next())
        userId = q.value(0).toLongLong();
    q.finish();
    return userId;
}

void SqlUserStore::deleteSession(const QByteArray& tokenHash)
{
    m_sql.run(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"), {tokenHash});
}

std::optional<qint64> SqlUserStore::sessionUser(const QByteArray& tokenHash, qint64 now)
{
    const auto row = m_sql.runInts(
        QStringLiteral("SELECT user_id FROM sessions WHERE token_hash = ? AND expires_ts > ? AND "
                       "EXISTS (SELECT 1 FROM users WHERE users.id = sessions.user_id AND "
                       "users.disabled = 0)"),
        {tokenHash, now});
    if (!row)
        return std::nullopt;
    return (*row)[0];
}

} // namespace palaver::server
