#pragma once
#include "server/storage/storefactory.h"

#include <memory>

namespace palaver::server {

/// The factory the configuration asks for: PostgreSQL when `databaseUrl` is set (a
/// postgresql:// URL), else the SQLite file at `sqlitePath`. Throws StoreError on a bad URL.
std::unique_ptr<StoreFactory> openStoreFactory(
    const QString& databaseUrl, const QString& sqlitePath);

} // namespace palaver::server
