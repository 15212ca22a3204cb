#include "server/storage/sqlfilestore.h"

#include "server/storage/sqlconnection.h"
#include "server/storage/storeerror.h"

#include <QSqlQuery>

namespace palaver::server {

qint64 SqlFileStore::createFile(const FileRecord& file)
{
    const auto id = m_sql.scalar(
        QStringLiteral("INSERT INTO files (owner_id, sha256, name, mime, size, created_ts) "
                       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
        {file.ownerId, file.sha256, file.name, file.mime, file.size, file.createdTs});
    if (!id)
        throw StoreError(QStringLiteral("inserting a file returned no id"));
    return id->toLongLong();
}

std::optional<FileRecord> SqlFileStore::visibleFile(qint64 fileId, qint64 userId)
{
    // One statement: the owner, or a member of a room where a message references the file
    // (file_refs by file_id, then members by its primary key).
    QSqlQuery& q = m_sql.run(
        QStringLiteral(
            "SELECT id, owner_id, sha256, name, mime, size, created_ts FROM files f WHERE id = ? "
            "AND (owner_id = ? OR EXISTS (SELECT 1 FROM file_refs r JOIN members m ON "
            "m.room_id = r.room_id AND m.user_id = ? WHERE r.file_id = f.id))"),
        {fileId, userId, userId});
    std::optional<FileRecord> found;
    if (q.next()) {
        FileRecord f;
        f.id = q.value(0).toLongLong();
        f.ownerId = q.value(1).toLongLong();
        f.sha256 = q.value(2).toString();
        f.name = q.value(3).toString();
        f.mime = q.value(4).toString();
        f.size = q.value(5).toLongLong();
        f.createdTs = q.value(6).toLongLong();
        found = f;
    }
    q.finish();
    return found;
}

qint64 SqlFileStore::storedBytes(qint64 ownerId)
{
    // Distinct contents: uploading the same bytes again under another name costs nothing.
    return m_sql
        .scalar(QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM (SELECT DISTINCT sha256, size "
                               "FROM files WHERE owner_id = ?) owned"),
            {ownerId})
        .value_or(0)
        .toLongLong();
}

bool SqlFileStore::ownsContent(qint64 ownerId, const QString& sha256)
{
    return m_sql
        .scalar(QStringLiteral("SELECT 1 FROM files WHERE owner_id = ? AND sha256 = ? LIMIT 1"),
            {ownerId, sha256})
        .has_value();
}

void SqlFileStore::addReference(qint64 fileId, qint64 roomId, qint64 seq)
{
    m_sql.run(QStringLiteral("INSERT INTO file_refs (file_id, room_id, seq) VALUES (?, ?, ?)"),
        {fileId, roomId, seq});
}

void SqlFileStore::removeReferences(qint64 roomId, qint64 seq)
{
    m_sql.run(QStringLiteral("DELETE FROM file_refs WHERE room_id = ? AND seq = ?"), {roomId, seq});
}

} // namespace palaver::server
