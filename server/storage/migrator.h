#pragma once
#include <QString>

namespace palaver::server {
class SqlConnection;

/// Applies numbered migrations (NNN_name.sql, in order) that the database has not seen yet,
/// each in its own transaction, recording the version in `schema_version`.
class Migrator
{
public:
    Migrator(SqlConnection& connection, QString directory)
        : m_sql(connection)
        , m_directory(std::move(directory))
    { }
    /// Returns the schema version after migrating. Throws StoreError on failure, leaving the
    /// database at the last complete version.
    int run();

private:
    SqlConnection& m_sql;
    QString m_directory;
};

} // namespace palaver::server
