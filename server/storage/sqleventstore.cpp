#include "server/storage/sqleventstore.h"

#include "server/storage/sqlconnection.h"
#include "server/storage/storeerror.h"
#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <algorithm>

namespace palaver::server {
namespace {
// The body column holds only the kind-specific fields (Event::bodyBytes); the rest are columns
// of their own.
const QString kEventColumns = QStringLiteral("room_id, seq, ts, sender_id, kind, client_mid, body");

// Bound as text, not as a blob: PostgreSQL would store a bytea literal's escaped form in the
// TEXT column (SQLite reads either back the same, and now shows the JSON as it is).
QString bodyText(const Event& event)
{
    return QString::fromUtf8(event.bodyBytes());
}
} // namespace

Event SqlEventStore::readEvent(const QSqlQuery& q)
{
    // The columns are the database's own typed values; only the body (the kind's fields, JSON)
    // needs parsing and validating. History pages and catch-up read hundreds of rows each.
    Event e;
    e.room = QString::number(q.value(0).toLongLong());
    e.seq = q.value(1).toLongLong();
    e.ts = q.value(2).toLongLong();
    e.sender = QString::number(q.value(3).toLongLong());
    const int kind = q.value(4).toInt();
    if (kind < int(EventKind::Message) || kind > int(EventKind::RoomUpdate))
        throw StoreError(QStringLiteral("stored event %1/%2 has unknown kind %3")
                             .arg(e.room)
                             .arg(e.seq)
                             .arg(kind));
    e.kind = static_cast<EventKind>(kind);
    QJsonObject body = QJsonDocument::fromJson(q.value(6).toByteArray()).object();
    if (!q.value(5).isNull())
        body.insert(keys::clientMid, q.value(5).toString());
    JsonReader reader(body);
    if (!Event::readKindFields(reader, e))
        throw StoreError(QStringLiteral("stored event %1/%2 is unreadable: %3")
                             .arg(e.room)
                             .arg(e.seq)
                             .arg(reader.error().message));
    return e;
}

qint64 SqlEventStore::append(Event& event, qint64 roomId, qint64 senderId)
{
    // The seq comes from the room row inside this transaction: the row lock (or SQLite's
    // single writer) serialises appends, and a rollback gives the number back, so committed
    // seqs are gapless without any counter outside the database.
    // Every send runs these statements: the fast integer path (SqlConnection::runInts).
    static const QString kNextSeq = QStringLiteral(
        "UPDATE rooms SET last_seq = last_seq + 1, message_count = message_count + ? "
        "WHERE id = ? RETURNING last_seq, message_count");
    static const QString kInsert =
        QStringLiteral("INSERT INTO events (%1, msg_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .arg(kEventColumns);
    const bool isMessage = event.kind == EventKind::Message;
    const auto counters = m_sql.runInts(kNextSeq, {qint64(isMessage ? 1 : 0), roomId});
    if (!counters)
        throw StoreError(QStringLiteral("append to missing room %1").arg(roomId));
    event.seq = (*counters)[0];
    const SqlArg msgNo = isMessage ? SqlArg((*counters)[1]) : SqlArg();
    const SqlArg clientMid = isMessage ? SqlArg(event.clientMid) : SqlArg();
    m_sql.runInts(kInsert,
        {roomId, event.seq, event.ts, senderId, qint64(event.kind), clientMid, bodyText(event),
            msgNo});
    if (event.kind == EventKind::Edit) {
        // The search index holds a message's current text only: an edit replaces it, so the
        // words edited away are no longer found (handlers let only live messages be edited).
        m_sql.runInts(
            QStringLiteral("UPDATE message_text SET text = ? WHERE room_id = ? AND seq = ?"),
            {event.text, roomId, event.target});
    }
    if (!isMessage)
        return event.seq;
    m_sql.runInts(
        QStringLiteral("INSERT INTO message_text (room_id, seq, ts, text) VALUES (?, ?, ?, ?)"),
        {roomId, event.seq, event.ts, event.text});
    m_unindexed = true;
    // O(1 + mentions) row writes per message, whatever the room's size: the other members'
    // unread numbers follow from the room's message count (see migration 002).
    m_sql.runInts(
        QStringLiteral(
            "UPDATE members SET own_unread = own_unread + 1 WHERE room_id = ? AND user_id = ?"),
        {roomId, senderId});
    for (const QString& mentioned : std::as_const(event.mentions)) {
        m_sql.runInts(
            QStringLiteral("INSERT INTO event_mentions (room_id, user_id, seq) VALUES (?, ?, ?)"),
            {roomId, mentioned.toLongLong(), event.seq});
        m_sql.runInts(
            QStringLiteral(
                "UPDATE members SET mentions = mentions + 1 WHERE room_id = ? AND user_id = ?"),
            {roomId, mentioned.toLongLong()});
    }
    return event.seq;
}

std::optional<AppendedEvent> SqlEventStore::findByClientMid(
    qint64 roomId, qint64 senderId, const QString& clientMid)
{
    const auto row = m_sql.runInts(QStringLiteral("SELECT seq, ts FROM events WHERE room_id = ? "
                                                  "AND sender_id = ? AND client_mid = ?"),
        {roomId, senderId, clientMid});
    if (!row)
        return std::nullopt;
    return AppendedEvent {(*row)[0], (*row)[1], true};
}

std::optional<Event> SqlEventStore::event(qint64 roomId, qint64 seq)
{
    QSqlQuery& q = m_sql.run(
        QStringLiteral("SELECT %1 FROM events WHERE room_id = ? AND seq = ?").arg(kEventColumns),
        {roomId, seq});
    std::optional<Event> found;
    if (q.next())
        found = readEvent(q);
    q.finish();
    return found;
}

QList<Event> SqlEventStore::history(
    qint64 roomId, std::optional<qint64> before, std::optional<qint64> after, int limit)
{
    QList<Event> events;
    if (after) {
        QSqlQuery& q =
            m_sql.run(QStringLiteral("SELECT %1 FROM events WHERE room_id = ? AND seq > ? "
                                     "ORDER BY seq ASC LIMIT ?")
                          .arg(kEventColumns),
                {roomId, *after, limit});
        while (q.next())
            events.append(readEvent(q));
        q.finish();
        return events;
    }
    const qint64 upper = before.value_or(std::numeric_limits<qint64>::max());
    QSqlQuery& q = m_sql.run(QStringLiteral("SELECT %1 FROM events WHERE room_id = ? AND seq < ? "
                                            "ORDER BY seq DESC LIMIT ?")
                                 .arg(kEventColumns),
        {roomId, upper, limit});
    while (q.next())
        events.append(readEvent(q));
    q.finish();
    std::reverse(events.begin(), events.end());
    return events;
}

void SqlEventStore::markDeleted(qint64 roomId, qint64 seq)
{
    auto target = event(roomId, seq);
    if (!target)
        return;
    target->text.clear();
    target->mentions.clear();
    target->attachments.clear();
    target->deleted = true;
    // The message keeps its place and its unread/mention weight (it is still a `message`
    // event, as the contract defines unread); only its content goes.
    m_sql.run(QStringLiteral("UPDATE events SET body = ? WHERE room_id = ? AND seq = ?"),
        {bodyText(*target), roomId, seq});
    m_sql.runInts(QStringLiteral("DELETE FROM message_text WHERE room_id = ? AND seq = ?"),
        {roomId, seq}); // never found again
}

} // namespace palaver::server
