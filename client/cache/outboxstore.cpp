#include "client/cache/outboxstore.h"

#include "client/cache/cachedatabase.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
// Mentions are user ids; ids never hold a newline, so one separated column is enough and
// needs no second table.
constexpr QChar kMentionSeparator = u'\n';
} // namespace

QList<OutboxEntry> OutboxStore::entries() const
{
    QList<OutboxEntry> entries;
    QSqlQuery q = m_db.query(u"SELECT position, client_mid, room, text, reply_to, mentions, "
                             u"created, failed, error FROM outbox ORDER BY position"_s);
    while (q.next()) {
        OutboxEntry e;
        e.position = q.value(0).toLongLong();
        e.clientMid = q.value(1).toString();
        e.room = q.value(2).toString();
        e.text = q.value(3).toString();
        e.replyTo = q.value(4).toLongLong();
        const QString mentions = q.value(5).toString();
        if (!mentions.isEmpty())
            e.mentions = mentions.split(kMentionSeparator);
        e.created = q.value(6).toLongLong();
        e.failed = q.value(7).toBool();
        e.error = q.value(8).toString();
        entries.append(e);
    }
    return entries;
}

OutboxEntry OutboxStore::add(OutboxEntry entry)
{
    QSqlQuery q = m_db.query(
        u"INSERT INTO outbox (client_mid, room, text, reply_to, mentions, "
        u"created, failed, error) VALUES (?, ?, ?, ?, COALESCE(?, ''), ?, ?, COALESCE(?, ''))"_s,
        {entry.clientMid, entry.room, entry.text, entry.replyTo,
            entry.mentions.join(kMentionSeparator), entry.created, entry.failed, entry.error});
    entry.position = q.isActive() ? q.lastInsertId().toLongLong() : 0;
    return entry;
}

void OutboxStore::remove(const QString& clientMid)
{
    m_db.run(u"DELETE FROM outbox WHERE client_mid = ?"_s, {clientMid});
}

void OutboxStore::setFailed(const QString& clientMid, bool failed, const QString& error)
{
    m_db.run(u"UPDATE outbox SET failed = ?, error = COALESCE(?, '') WHERE client_mid = ?"_s,
        {failed, error, clientMid});
}

} // namespace palaver::client
