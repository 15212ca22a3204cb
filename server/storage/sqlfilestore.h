#pragma once
#include "server/storage/store.h"

namespace palaver::server {
class SqlConnection;

/// Uploaded files and their message references in SQL shared by SQLite and PostgreSQL.
class SqlFileStore final : public FileStore
{
public:
    explicit SqlFileStore(SqlConnection& connection)
        : m_sql(connection)
    { }

    qint64 createFile(const FileRecord& file) override;
    std::optional<FileRecord> visibleFile(qint64 fileId, qint64 userId) override;
    qint64 storedBytes(qint64 ownerId) override;
    bool ownsContent(qint64 ownerId, const QString& sha256) override;
    void addReference(qint64 fileId, qint64 roomId, qint64 seq) override;
    void removeReferences(qint64 roomId, qint64 seq) override;

private:
    SqlConnection& m_sql;
};

} // namespace palaver::server
