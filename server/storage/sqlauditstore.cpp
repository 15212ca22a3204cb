#include "server/storage/sqlauditstore.h"

#include "server/storage/sqlconnection.h"

#include <QSqlQuery>

namespace palaver::server {

void SqlAuditStore::record(const AuditRecord& entry)
{
    const QVariant actorId = entry.actorId ? QVariant(*entry.actorId) : QVariant();
    // The name is looked up in the same statement when the caller only knows the id (room
    // handlers): one round trip, and the name is the one of this very transaction.
    m_sql.run(QStringLiteral("INSERT INTO audit (ts, actor_id, actor_name, action, target, "
                             "address, detail) VALUES (?, ?, COALESCE(NULLIF(?, ''), (SELECT "
                             "username FROM users WHERE id = ?), ''), ?, ?, ?, ?)"),
        {entry.ts, actorId, entry.actorName, actorId, entry.action, entry.target, entry.address,
            entry.detail});
}

QList<AuditRecord> SqlAuditStore::since(qint64 sinceTs, int limit)
{
    // The newest rows first (so a limit keeps the recent end), read back oldest first.
    QSqlQuery& q = m_sql.run(
        QStringLiteral("SELECT id, ts, actor_id, actor_name, action, target, address, detail "
                       "FROM (SELECT * FROM audit WHERE ts >= ? ORDER BY ts DESC, id DESC "
                       "LIMIT ?) AS recent ORDER BY ts, id"),
        {sinceTs, limit});
    QList<AuditRecord> rows;
    while (q.next()) {
        AuditRecord r;
        r.id = q.value(0).toLongLong();
        r.ts = q.value(1).toLongLong();
        if (!q.value(2).isNull())
            r.actorId = q.value(2).toLongLong();
        r.actorName = q.value(3).toString();
        r.action = q.value(4).toString();
        r.target = q.value(5).toString();
        r.address = q.value(6).toString();
        r.detail = q.value(7).toString();
        rows.append(r);
    }
    q.finish();
    return rows;
}

} // namespace palaver::server
