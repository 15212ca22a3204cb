#include "server/storage/sqlsearchstore.h"

#include "server/storage/searchquery.h"
#include "server/storage/sqlconnection.h"
#include "server/storage/sqleventstore.h"

#include <QSqlQuery>

namespace palaver::server {

QList<Event> SqlSearchStore::search(
    qint64 userId, const SearchQuery& query, std::optional<qint64> roomId, int limit)
{
    QList<Event> found;
    if (query.isEmpty())
        return found; // punctuation or emoji only: no word to look for
    // Membership is joined, not checked per room: the rooms the user is in now, whatever
    // it was in when the message was sent (a room left gives nothing, one joined gives all).
    QList<QVariant> args {userId};
    const QString match = m_sql.dialect().searchMatch(query, args);
    QString sql = QStringLiteral(
        "SELECT e.room_id, e.seq, e.ts, e.sender_id, e.kind, e.client_mid, e.body, t.text "
        "FROM %1 JOIN members AS m ON m.room_id = t.room_id AND m.user_id = ? "
        "JOIN events AS e ON e.room_id = t.room_id AND e.seq = t.seq WHERE %2")
                      .arg(m_sql.dialect().searchSource(), match);
    if (roomId) {
        sql += QStringLiteral(" AND t.room_id = ?");
        args.append(*roomId);
    }
    sql += QStringLiteral(" ORDER BY t.ts DESC, t.seq DESC, t.room_id DESC LIMIT ?");
    args.append(limit);
    QSqlQuery& q = m_sql.run(sql, args);
    while (q.next()) {
        Event e = SqlEventStore::readEvent(q);
        e.text = q.value(7).toString(); // the latest edit's text, as clients show it
        found.append(std::move(e));
    }
    q.finish();
    return found;
}

} // namespace palaver::server
