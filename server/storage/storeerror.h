#pragma once
#include <QString>
#include <stdexcept>

namespace palaver::server {

/// A database failure (not a rule violation): the job's savepoint is rolled back and the
/// request is answered `internal`. Thrown only by store implementations.
class StoreError : public std::runtime_error
{
public:
    explicit StoreError(const QString& what)
        : std::runtime_error(what.toStdString())
    { }
};

/// A unique constraint refused a row another transaction committed first (two nodes
/// inserting the same client_mid): running the job again sees that row and answers from it.
class StoreConflict : public StoreError
{
public:
    using StoreError::StoreError;
};

/// The database aborted the whole transaction (deadlock, serialization failure): nothing of
/// it was committed, so the whole batch may run again.
class StoreTransactionAborted : public StoreError
{
public:
    using StoreError::StoreError;
};

/// The connection is gone (server stopped, restarted, network): the connection must be
/// opened anew before the next transaction, and the outcome of this one is a failure.
class StoreConnectionLost : public StoreError
{
public:
    using StoreError::StoreError;
};

} // namespace palaver::server
