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
    const SqlDialect& dialect = m_sql.dialect();
    // Membership is joined, not checked per room: the rooms the user is in now, whatever
    // it was in when the message was sent (a room left gives nothing, one joined gives all).
    // The inner query picks the newest `limit` hits in the index's own order, so a word in
    // most messages costs `limit` rows, not a sort of all of them; only those few are read
    // from events and put in (ts, seq) order.
    QList<QVariant> args {userId};
    QString hits = QStringLiteral("SELECT t.room_id, t.seq, t.ts, t.text FROM %1 "
                                  "JOIN members AS m ON m.room_id = t.room_id AND m.user_id = ? "
                                  "WHERE %2")
                       .arg(dialect.searchSource(), dialect.searchMatch(query, args));
    if (roomId) {
        hits += QStringLiteral(" AND t.room_id = ?");
        args.append(*roomId);
    }
    hits += QStringLiteral(" ORDER BY %1 LIMIT ?").arg(dialect.searchRecency());
    args.append(limit);
    const QString sql = QStringLiteral(
        "SELECT e.room_id, e.seq, e.ts, e.sender_id, e.kind, e.client_mid, e.body, hit.text "
        "FROM (%1) AS hit JOIN events AS e ON e.room_id = hit.room_id AND e.seq = hit.seq "
        "ORDER BY hit.ts DESC, hit.seq DESC, hit.room_id DESC")
                            .arg(hits);
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
