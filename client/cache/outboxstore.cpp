#include "client/cache/outboxstore.h"

#include "client/cache/cachedatabase.h"
#include "shared/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
// Mentions are user ids; ids never hold a newline, so one separated column is enough and
// needs no second table.
constexpr QChar kMentionSeparator = u'\n';

// Attachments as the wire JSON array of file objects: one parser for wire and cache.
QString attachmentsJson(const QList<palaver::FileInfo>& files)
{
    if (files.isEmpty())
        return {};
    QJsonArray array;
    for (const palaver::FileInfo& file : files)
        array.append(file.toJson());
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<palaver::FileInfo> attachmentsFromJson(const QString& json)
{
    QList<palaver::FileInfo> files;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue& value : array) {
        palaver::JsonReader reader(value.toObject());
        if (const auto file = palaver::FileInfo::fromJson(reader))
            files.append(*file);
    }
    return files;
}
} // namespace

QList<OutboxEntry> OutboxStore::entries() const
{
    QList<OutboxEntry> entries;
    QSqlQuery q =
        m_db.query(u"SELECT position, client_mid, room, text, reply_to, mentions, "
                   u"created, failed, error, attachments FROM outbox ORDER BY position"_s);
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
        e.attachments = attachmentsFromJson(q.value(9).toString());
        entries.append(e);
    }
    return entries;
}

OutboxEntry OutboxStore::add(OutboxEntry entry)
{
    QSqlQuery q = m_db.query(
        u"INSERT INTO outbox (client_mid, room, text, reply_to, mentions, created, failed, "
        u"error, attachments) VALUES (?, ?, COALESCE(?, ''), ?, COALESCE(?, ''), ?, ?, "
        u"COALESCE(?, ''), COALESCE(?, ''))"_s,
        {entry.clientMid, entry.room, entry.text, entry.replyTo,
            entry.mentions.join(kMentionSeparator), entry.created, entry.failed, entry.error,
            attachmentsJson(entry.attachments)});
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
