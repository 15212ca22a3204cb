#pragma once
#include "server/storage/store.h"

namespace palaver::server {
class SqlConnection;

/// The admin commands' storage and the account-change queue, in SQL shared by SQLite and
/// PostgreSQL.
class SqlAdminStore final : public AdminStore
{
public:
    explicit SqlAdminStore(SqlConnection& connection)
        : m_sql(connection)
    { }

    QList<UserSummary> listUsers() override;
    void setDisabled(qint64 userId, bool disabled) override;
    void setPasswordHash(qint64 userId, const QString& passwordHash) override;
    qint64 revokeSessions(qint64 userId) override;
    QList<RoomSummary> listRooms() override;
    bool deleteRoom(qint64 roomId) override;
    void noteAccountChange(const AccountChange& change) override;
    QList<AccountChange> accountChangesAfter(qint64 afterId, int limit) override;
    qint64 lastAccountChangeId() override;

private:
    SqlConnection& m_sql;
};

} // namespace palaver::server
