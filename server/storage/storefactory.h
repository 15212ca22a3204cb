#pragma once
#include "server/storage/store.h"

#include <memory>

namespace palaver::server {

/// Opens connections to one database. Each worker thread opens its own Store with it.
class StoreFactory
{
public:
    virtual ~StoreFactory() = default;
    /// Brings the schema to the newest version; throws StoreError when it cannot.
    virtual void migrate() = 0;
    /// A new connection, to be used only by the calling thread. `name` must be unique.
    virtual std::unique_ptr<Store> open(const QString& name, bool readOnly) = 0;
    /// What to show in logs: the file or the server, never a password.
    virtual QString description() const = 0;
};

} // namespace palaver::server
