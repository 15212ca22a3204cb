#include "server/storage/sqlroomstore.h"

#include "server/storage/sqlconnection.h"

#include <QSqlQuery>

namespace palaver::server {
namespace {
const QString kRoomColumns = QStringLiteral(
    "r.id, r.kind, r.name, r.topic, r.created_ts, r.last_seq, r.member_count, r.message_count");
// Follow kRoomColumns (from index 8) wherever a member's own view is read.
const QString kMemberColumns =
    QStringLiteral("m.role, m.last_read_seq, m.read_msg_no, m.own_unread, m.mentions");
constexpr int kMemberColumn = 8;
} // namespace

RoomInfo SqlRoomStore::readRoom(const QSqlQuery& q)
{
    RoomInfo room;
    room.id = QString::number(q.value(0).toLongLong());
    room.kind = static_cast<RoomKind>(q.value(1).toInt());
    room.name = q.value(2).toString();
    room.topic = q.value(3).toString();
    room.createdTs = q.value(4).toLongLong();
    room.lastSeq = q.value(5).toLongLong();
    room.memberCount = q.value(6).toLongLong();
    return room;
}

qint64 SqlRoomStore::createRoom(
    RoomKind kind, const QString& name, const QString& topic, qint64 now, const QString& directKey)
{
    const QVariant key = directKey.isEmpty() ? QVariant() : QVariant(directKey);
    return m_sql
        .scalar(QStringLiteral("INSERT INTO rooms (kind, name, topic, created_ts, direct_key) "
                               "VALUES (?, ?, ?, ?, ?) RETURNING id"),
            {int(kind), name, topic, now, key})
        .value_or(QVariant())
        .toLongLong();
}

std::optional<qint64> SqlRoomStore::directRoom(const QString& directKey)
{
    const auto id =
        m_sql.scalar(QStringLiteral("SELECT id FROM rooms WHERE direct_key = ?"), {directKey});
    return id ? std::optional(id->toLongLong()) : std::nullopt;
}

std::optional<RoomRecord> SqlRoomStore::room(qint64 roomId)
{
    QSqlQuery& q = m_sql.run(
        QStringLiteral("SELECT %1 FROM rooms r WHERE r.id = ?").arg(kRoomColumns), {roomId});
    std::optional<RoomRecord> record;
    if (q.next()) {
        record = RoomRecord {q.value(0).toLongLong(), static_cast<RoomKind>(q.value(1).toInt()),
            q.value(2).toString(), q.value(3).toString(), q.value(4).toLongLong(),
            q.value(5).toLongLong(), q.value(6).toLongLong()};
    }
    q.finish();
    return record;
}

std::optional<MemberRecord> SqlRoomStore::member(qint64 roomId, qint64 userId)
{
    // Every send checks membership: the fast integer path.
    const auto row = m_sql.runInts(
        QStringLiteral("SELECT role, last_read_seq, read_msg_no, own_unread, mentions "
                       "FROM members WHERE room_id = ? AND user_id = ?"),
        {roomId, userId});
    if (!row)
        return std::nullopt;
    const IntRow& r = *row;
    return MemberRecord {roomId, userId, static_cast<Role>(r[0]), r[1], r[2], r[3], r[4]};
}

void SqlRoomStore::addMember(qint64 roomId, qint64 userId, Role role)
{
    // A new member starts with everything before its join read: old history is not "unread".
    // The casts type the parameters, which PostgreSQL cannot infer in a SELECT list.
    m_sql.run(
        QStringLiteral("INSERT INTO members (room_id, user_id, role, last_read_seq, read_msg_no) "
                       "SELECT id, CAST(? AS BIGINT), CAST(? AS INTEGER), last_seq, message_count "
                       "FROM rooms WHERE id = ?"),
        {userId, int(role), roomId});
    m_sql.run(
        QStringLiteral("UPDATE rooms SET member_count = member_count + 1 WHERE id = ?"), {roomId});
}

void SqlRoomStore::removeMember(qint64 roomId, qint64 userId)
{
    m_sql.run(
        QStringLiteral("DELETE FROM members WHERE room_id = ? AND user_id = ?"), {roomId, userId});
    m_sql.run(
        QStringLiteral("UPDATE rooms SET member_count = member_count - 1 WHERE id = ?"), {roomId});
}

QList<MemberInfo> SqlRoomStore::members(qint64 roomId)
{
    QSqlQuery& q = m_sql.run(
        QStringLiteral(
            "SELECT u.id, u.username, u.display_name, m.role, m.last_read_seq, u.last_seen "
            "FROM members m JOIN users u ON u.id = m.user_id WHERE m.room_id = ? "
            "ORDER BY m.role DESC, u.username"),
        {roomId});
    QList<MemberInfo> list;
    while (q.next()) {
        MemberInfo m;
        m.user = QString::number(q.value(0).toLongLong());
        m.username = q.value(1).toString();
        m.displayName = q.value(2).toString();
        m.role = static_cast<Role>(q.value(3).toInt());
        m.lastReadSeq = q.value(4).toLongLong();
        if (const qint64 seen = q.value(5).toLongLong(); seen > 0)
            m.lastSeen = seen;
        list.append(m);
    }
    q.finish();
    return list;
}

RoomMembership SqlRoomStore::readMembership(const QSqlQuery& q, int first, qint64 messageCount)
{
    RoomMembership self;
    self.role = static_cast<Role>(q.value(first).toInt());
    self.lastReadSeq = q.value(first + 1).toLongLong();
    // Stored numbers only: no count over the event table, whatever the room's size.
    self.unread = std::max<qint64>(
        0, messageCount - q.value(first + 2).toLongLong() - q.value(first + 3).toLongLong());
    self.mentions = q.value(first + 4).toLongLong();
    return self;
}

QList<RoomInfo> SqlRoomStore::roomsOf(qint64 userId)
{
    QSqlQuery& q =
        m_sql.run(QStringLiteral("SELECT %1, %2 FROM members m JOIN rooms r ON r.id = m.room_id "
                                 "WHERE m.user_id = ? ORDER BY r.id")
                      .arg(kRoomColumns, kMemberColumns),
            {userId});
    QList<RoomInfo> rooms;
    while (q.next()) {
        RoomInfo room = readRoom(q);
        room.self = readMembership(q, kMemberColumn, q.value(7).toLongLong());
        rooms.append(room);
    }
    q.finish();
    for (RoomInfo& room : rooms)
        room.lastEvent = m_events.event(room.id.toLongLong(), room.lastSeq); // one key lookup each
    return rooms;
}

std::optional<RoomInfo> SqlRoomStore::roomFor(qint64 roomId, qint64 userId)
{
    QSqlQuery& q = m_sql.run(QStringLiteral("SELECT %1, %2 FROM rooms r LEFT JOIN members m "
                                            "ON m.room_id = r.id AND m.user_id = ? WHERE r.id = ?")
                                 .arg(kRoomColumns, kMemberColumns),
        {userId, roomId});
    std::optional<RoomInfo> room;
    if (q.next()) {
        room = readRoom(q);
        if (!q.value(kMemberColumn).isNull())
            room->self = readMembership(q, kMemberColumn, q.value(7).toLongLong());
    }
    q.finish();
    return room;
}

QList<RoomInfo> SqlRoomStore::publicRooms(const QString& query, int limit)
{
    const QString pattern = SqlConnection::containsPattern(query);
    QSqlQuery& q = m_sql.run(
        QStringLiteral(
            "SELECT %1 FROM rooms r WHERE r.kind = ? AND (%2(r.name) LIKE ? ESCAPE '\\' "
            "OR %2(r.topic) LIKE ? ESCAPE '\\') ORDER BY r.member_count DESC, r.id LIMIT ?")
            .arg(kRoomColumns, m_sql.dialect().caseFold()),
        {int(RoomKind::Public), pattern, pattern, limit});
    QList<RoomInfo> rooms;
    while (q.next())
        rooms.append(readRoom(q));
    q.finish();
    return rooms;
}

QList<MemberRecord> SqlRoomStore::allMemberships()
{
    QSqlQuery& q =
        m_sql.run(QStringLiteral("SELECT room_id, user_id, role, last_read_seq, read_msg_no, "
                                 "own_unread, mentions FROM members"));
    QList<MemberRecord> list;
    while (q.next()) {
        list.append({q.value(0).toLongLong(), q.value(1).toLongLong(),
            static_cast<Role>(q.value(2).toInt()), q.value(3).toLongLong(), q.value(4).toLongLong(),
            q.value(5).toLongLong(), q.value(6).toLongLong()});
    }
    q.finish();
    return list;
}

QHash<qint64, qint64> SqlRoomStore::messageCounts()
{
    QSqlQuery& q =
        m_sql.run(QStringLiteral("SELECT id, message_count FROM rooms WHERE message_count > 0"));
    QHash<qint64, qint64> counts;
    while (q.next())
        counts.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    q.finish();
    return counts;
}

QHash<qint64, qint64> SqlRoomStore::lastSeqs()
{
    QSqlQuery& q = m_sql.run(QStringLiteral("SELECT id, last_seq FROM rooms WHERE last_seq > 0"));
    QHash<qint64, qint64> seqs;
    while (q.next())
        seqs.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    q.finish();
    return seqs;
}

MemberRecord SqlRoomStore::advanceReadMarker(qint64 roomId, qint64 userId, qint64 seq)
{
    // One statement does forward-only and the clamp, so concurrent reads cannot race it back.
    const qint64 marker =
        m_sql
            .scalar(QStringLiteral("UPDATE members SET last_read_seq = %1(last_read_seq, "
                                   "%2(?, (SELECT last_seq FROM rooms WHERE id = ?))) "
                                   "WHERE room_id = ? AND user_id = ? RETURNING last_read_seq")
                        .arg(m_sql.dialect().greatest(), m_sql.dialect().least()),
                {seq, roomId, roomId, userId})
            .value_or(0)
            .toLongLong();
    // Recount only what lies after the new marker: bounded by the member's own messages and
    // mentions still unread, never by the room's history.
    m_sql.run(QStringLiteral(
                  "UPDATE members SET "
                  "read_msg_no = COALESCE((SELECT msg_no FROM events WHERE room_id = ? "
                  "AND seq <= ? AND kind = 0 ORDER BY seq DESC LIMIT 1), 0), "
                  "own_unread = (SELECT COUNT(*) FROM events WHERE room_id = ? AND sender_id = ? "
                  "AND kind = 0 AND seq > ?), "
                  "mentions = (SELECT COUNT(*) FROM event_mentions WHERE room_id = ? "
                  "AND user_id = ? AND seq > ?) "
                  "WHERE room_id = ? AND user_id = ?"),
        {roomId, marker, roomId, userId, marker, roomId, userId, marker, roomId, userId});
    return member(roomId, userId).value_or(MemberRecord {});
}

} // namespace palaver::server
