#pragma once
// The server's one door to storage: writes go to the group-commit writer, reads to the read
// pool, and results come back on the thread that owns the completion context.
#include "server/storage/outcome.h"
#include "server/storage/readpool.h"
#include "server/storage/storefactory.h"
#include "server/storage/writebatcher.h"

#include <functional>
#include <memory>

namespace palaver::server {

class Database
{
public:
    Database(std::unique_ptr<StoreFactory> factory, QObject* completionContext, int readers = 2);
    ~Database();

    /// Migrates, then starts the writer and readers. Throws StoreError.
    void start();
    /// Commits every queued write and finishes queued reads, then stops the threads.
    void stop();

    /// Runs `job` in the next write batch; `done` gets its outcome after the commit, or
    /// `internal` if the batch failed (then nothing of the job was stored).
    template <class T>
    void write(std::function<Outcome<T>(Store&)> job, std::function<void(Outcome<T>)> done)
    {
        m_writer->submit(makeJob<T>(std::move(job), std::move(done)));
    }

    /// Runs `job` in a read transaction on a reader thread.
    template <class T>
    void read(std::function<Outcome<T>(Store&)> job, std::function<void(Outcome<T>)> done)
    {
        m_readers->submit(makeJob<T>(std::move(job), std::move(done)));
    }

    /// Runs `job` once every write queued before it has committed (used for shutdown).
    void afterPendingWrites(std::function<void()> job);

    StoreFactory& factory() { return *m_factory; }
    const WriteBatcher& writer() const { return *m_writer; }

private:
    template <class T>
    static StoreJob makeJob(
        std::function<Outcome<T>(Store&)> job, std::function<void(Outcome<T>)> done)
    {
        auto result = std::make_shared<std::optional<Outcome<T>>>();
        return StoreJob {[job = std::move(job), result](Store& store) {
                             result->emplace(job(store));
                             return (*result)->ok();
                         },
            [done = std::move(done), result](bool stored) {
                if (stored && result->has_value())
                    done(std::move(**result));
                else
                    done(Outcome<T>::fail(
                        ErrorCode::Internal, QStringLiteral("storage failure, try again")));
            }};
    }

    std::unique_ptr<StoreFactory> m_factory;
    std::unique_ptr<WriteBatcher> m_writer;
    std::unique_ptr<ReadPool> m_readers;
};

} // namespace palaver::server
