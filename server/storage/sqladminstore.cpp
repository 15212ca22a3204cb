#include "server/storage/sqladminstore.h"

#include "server/storage/sqlconnection.h"

#include <QDateTime>
#include <QSqlQuery>

namespace palaver::server {
namespace {
// Stored as text so a row reads on its own in the database; parsed back here only.
const QString kDisabled = QStringLiteral("disabled");
const QString kPasswordReset = QStringLiteral("password_reset");
const QString kRoomDeleted = QStringLiteral("room_deleted");

QString nameOf(AccountChange::Kind kind)
{
    switch (kind) {
    case AccountChange::Kind::Disabled:
        return kDisabled;
    case AccountChange::Kind::PasswordReset:
        return kPasswordReset;
    case AccountChange::Kind::RoomDeleted:
        return kRoomDeleted;
    case AccountChange::Kind::Unknown:
        break;
    }
    return {};
}
} // namespace

QList<UserSummary> SqlAdminStore::listUsers()
{
    QSqlQuery& q = m_sql.run(
        QStringLiteral("SELECT u.id, u.username, u.display_name, u.last_seen, u.disabled, "
                       "u.created_ts, (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id "
                       "AND s.expires_ts > ?) FROM users u ORDER BY u.username"),
        {QDateTime::currentMSecsSinceEpoch()});
    QList<UserSummary> users;
    while (q.next()) {
        UserSummary s;
        s.user.id = q.value(0).toLongLong();
        s.user.username = q.value(1).toString();
        s.user.displayName = q.value(2).toString();
        s.user.lastSeen = q.value(3).toLongLong();
        s.user.disabled = q.value(4).toBool();
        s.createdTs = q.value(5).toLongLong();
        s.liveSessions = q.value(6).toLongLong();
        users.append(s);
    }
    q.finish();
    return users;
}

void SqlAdminStore::setDisabled(qint64 userId, bool disabled)
{
    m_sql.run(
        QStringLiteral("UPDATE users SET disabled = ? WHERE id = ?"), {disabled ? 1 : 0, userId});
}

void SqlAdminStore::setPasswordHash(qint64 userId, const QString& passwordHash)
{
    m_sql.run(
        QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"), {passwordHash, userId});
}

qint64 SqlAdminStore::revokeSessions(qint64 userId)
{
    const qint64 count =
        m_sql.scalar(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE user_id = ?"), {userId})
            .value_or(0)
            .toLongLong();
    m_sql.run(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"), {userId});
    return count;
}

QList<RoomSummary> SqlAdminStore::listRooms()
{
    // Direct rooms have no name: their members' names say which pair it is.
    QSqlQuery& q = m_sql.run(QStringLiteral(
        "SELECT r.id, r.kind, r.name, r.topic, r.created_ts, r.last_seq, r.member_count, "
        "CASE WHEN r.direct_key IS NULL THEN '' ELSE (SELECT %1 FROM "
        "(SELECT u.username FROM members m JOIN users u ON u.id = m.user_id "
        "WHERE m.room_id = r.id ORDER BY u.username) AS names) END FROM rooms r ORDER BY r.id")
                                 .arg(m_sql.dialect().joinedNames(QStringLiteral("username"))));
    QList<RoomSummary> rooms;
    while (q.next()) {
        RoomSummary s;
        s.room = RoomRecord {q.value(0).toLongLong(), static_cast<RoomKind>(q.value(1).toInt()),
            q.value(2).toString(), q.value(3).toString(), q.value(4).toLongLong(),
            q.value(5).toLongLong(), q.value(6).toLongLong()};
        s.memberNames = q.value(7).toString();
        rooms.append(s);
    }
    q.finish();
    return rooms;
}

bool SqlAdminStore::deleteRoom(qint64 roomId)
{
    // Members, events and mentions go with it (ON DELETE CASCADE).
    return m_sql.scalar(QStringLiteral("DELETE FROM rooms WHERE id = ? RETURNING id"), {roomId})
        .has_value();
}

void SqlAdminStore::noteAccountChange(const AccountChange& change)
{
    const QVariant user = change.userId ? QVariant(change.userId) : QVariant();
    const QVariant room = change.roomId ? QVariant(change.roomId) : QVariant();
    m_sql.run(QStringLiteral(
                  "INSERT INTO account_changes (user_id, room_id, change, ts) VALUES (?, ?, ?, ?)"),
        {user, room, nameOf(change.kind), change.ts});
}

QList<AccountChange> SqlAdminStore::accountChangesAfter(qint64 afterId, int limit)
{
    QSqlQuery& q =
        m_sql.run(QStringLiteral("SELECT id, user_id, room_id, change, ts FROM account_changes "
                                 "WHERE id > ? ORDER BY id LIMIT ?"),
            {afterId, limit});
    QList<AccountChange> changes;
    while (q.next()) {
        const QString name = q.value(3).toString();
        AccountChange c;
        c.id = q.value(0).toLongLong();
        c.userId = q.value(1).toLongLong();
        c.roomId = q.value(2).toLongLong();
        c.ts = q.value(4).toLongLong();
        if (name == kDisabled)
            c.kind = AccountChange::Kind::Disabled;
        else if (name == kPasswordReset)
            c.kind = AccountChange::Kind::PasswordReset;
        else if (name == kRoomDeleted)
            c.kind = AccountChange::Kind::RoomDeleted;
        else
            c.kind = AccountChange::Kind::Unknown; // a newer version's: skipped, not re-read
        changes.append(c);
    }
    q.finish();
    return changes;
}

qint64 SqlAdminStore::lastAccountChangeId()
{
    return m_sql.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM account_changes"))
        .value_or(0)
        .toLongLong();
}

} // namespace palaver::server
