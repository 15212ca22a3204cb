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

} // namespace palaver::server
