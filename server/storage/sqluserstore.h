#pragma once
#include "server/storage/store.h"

namespace palaver::server {
class SqlConnection;

/// Users and login sessions in SQL shared by SQLite and PostgreSQL.
class SqlUserStore final : public UserStore
{
public:
    explicit SqlUserStore(SqlConnection& connection)
        : m_sql(connection)
    { }

    std::optional<qint64> createUser(const QString& username, const QString& displayName,
        const QString& passwordHash, qint64 now) override;
    std::optional<UserRecord> userByName(const QString& username) override;
    std::optional<UserRecord> userById(qint64 id) override;
    QList<UserRecord> searchUsers(const QString& query, int limit) override;
    void setLastSeen(qint64 userId, qint64 ts) override;
    void createSession(const QByteArray& tokenHash, qint64 userId, const QString& device,
        qint64 now, qint64 expiresTs) override;
    std::optional<qint64> resumeSession(
        const QByteArray& tokenHash, qint64 now, qint64 newExpiry) override;
    void deleteSession(const QByteArray& tokenHash) override;
    std::optional<qint64> sessionUser(const QByteArray& tokenHash, qint64 now) override;

private:
    SqlConnection& m_sql;
};

} // namespace palaver::server
