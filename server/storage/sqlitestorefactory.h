#pragma once
#include "server/storage/storefactory.h"

namespace palaver::server {

/// The embedded database: one SQLite file in WAL mode, fsynced on every commit.
class SqliteStoreFactory final : public StoreFactory
{
public:
    explicit SqliteStoreFactory(QString path)
        : m_path(std::move(path))
    { }

    void migrate() override;
    std::unique_ptr<Store> open(const QString& name, bool readOnly) override;
    QString description() const override { return m_path; }

private:
    QString m_path;
};

} // namespace palaver::server
