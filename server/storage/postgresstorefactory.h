#pragma once
#include "server/storage/postgresurl.h"
#include "server/storage/storefactory.h"

namespace palaver::server {

/// A PostgreSQL database through QtSql's QPSQL driver, possibly shared by several nodes.
class PostgresStoreFactory final : public StoreFactory
{
public:
    explicit PostgresStoreFactory(PostgresUrl url)
        : m_url(std::move(url))
    { }

    /// Migrates under an advisory lock: nodes starting together migrate one after another,
    /// and the later ones find the schema current.
    void migrate() override;
    /// Throws StoreConnectionLost when the server cannot be reached.
    std::unique_ptr<Store> open(const QString& name, bool readOnly) override;
    QString description() const override { return m_url.description(); }

private:
    PostgresUrl m_url;
};

} // namespace palaver::server
