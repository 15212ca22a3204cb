#pragma once
#include "server/storage/store.h"

class QSqlQuery;

namespace palaver::server {
class SqlConnection;

/// Rooms, memberships and read markers in SQL shared by SQLite and PostgreSQL.
class SqlRoomStore final : public RoomStore
{
public:
    SqlRoomStore(SqlConnection& connection, EventStore& events)
        : m_sql(connection)
        , m_events(events)
    { }

    qint64 createRoom(RoomKind kind, const QString& name, const QString& topic, qint64 now,
        const QString& directKey) override;
    std::optional<qint64> directRoom(const QString& directKey) override;
    std::optional<RoomRecord> room(qint64 roomId) override;
    std::optional<MemberRecord> member(qint64 roomId, qint64 userId) override;
    void addMember(qint64 roomId, qint64 userId, Role role) override;
    void removeMember(qint64 roomId, qint64 userId) override;
    QList<MemberInfo> members(qint64 roomId) override;
    QList<RoomInfo> roomsOf(qint64 userId) override;
    std::optional<RoomInfo> roomFor(qint64 roomId, qint64 userId) override;
    QList<RoomInfo> publicRooms(const QString& query, int limit) override;
    QList<MemberRecord> allMemberships() override;
    QHash<qint64, qint64> messageCounts() override;
    QHash<qint64, qint64> lastSeqs() override;
    MemberRecord advanceReadMarker(qint64 roomId, qint64 userId, qint64 seq) override;

private:
    static RoomInfo readRoom(const QSqlQuery& q);
    /// Reads the caller's view from the member columns that follow the room columns.
    static RoomMembership readMembership(const QSqlQuery& q, int firstColumn, qint64 messageCount);

    SqlConnection& m_sql;
    EventStore& m_events;
};

} // namespace palaver::server
