#pragma once
#include <functional>

namespace palaver::server {
class Store;

/// A unit of database work queued to a worker thread.
struct StoreJob
{
    /// Runs on the worker thread inside a transaction. Returns false when the request was
    /// refused, so its savepoint is rolled back; throws StoreError on database failure.
    std::function<bool(Store&)> run;
    /// Runs on the completion thread after the transaction ended. `stored` is false when
    /// the job threw or its batch failed to commit: nothing of it is in the database.
    std::function<void(bool stored)> finish;
};

} // namespace palaver::server
