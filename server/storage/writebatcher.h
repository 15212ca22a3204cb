#pragma once
// Group commit: one writer thread takes every job queued while the previous commit was
// running and commits them together, so N concurrent senders share one fsync instead of
// paying one each. No job's finish runs before the commit that holds it. A batch the database
// aborted as a whole (deadlock) runs again; after a lost connection the jobs fail and the
// next batch opens a new connection.
#include "server/metrics/latencyhistogram.h"
#include "server/storage/storejob.h"

#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QWaitCondition>
#include <atomic>
#include <deque>
#include <vector>

namespace palaver::server {
class StoreFactory;

class WriteBatcher final : public QThread
{
    Q_OBJECT
public:
    /// Finishes are posted, in commit order, to `completionContext`'s thread.
    WriteBatcher(StoreFactory& factory, QObject* completionContext, int maxBatch = 1024);
    ~WriteBatcher() override;

    void submit(StoreJob job);
    /// Commits everything queued so far, then ends the thread.
    void stopAndDrain();

    quint64 batchesCommitted() const { return m_batches.load(); }
    quint64 jobsCommitted() const { return m_jobs.load(); }
    /// Jobs that threw and batches that failed to commit.
    quint64 errors() const { return m_errors.load(); }
    /// BEGIN to COMMIT of each batch.
    const LatencyHistogram& commitTimes() const { return m_commitTimes; }

protected:
    void run() override;

private:
    /// How one attempt at a batch ended.
    enum class Attempt { Committed, Failed, Aborted, Lost, LostBeforeBegin };

    void runBatch(class StoreKeeper& keeper, std::deque<StoreJob>& batch);
    Attempt attempt(Store& store, std::deque<StoreJob>& batch, std::vector<char>& stored);
    /// Runs one job; after a unique violation (another node committed the same key first) it
    /// runs once more from its savepoint and then sees that row.
    static bool runJob(Store& store, StoreJob& job);
    void finish(std::deque<StoreJob>& batch, const std::vector<char>& stored, bool committed);

    StoreFactory& m_factory;
    QPointer<QObject> m_context;
    const int m_maxBatch;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<StoreJob> m_queue;
    bool m_stopping = false;
    std::atomic<quint64> m_batches {0};
    std::atomic<quint64> m_jobs {0};
    std::atomic<quint64> m_errors {0};
    LatencyHistogram m_commitTimes;
};

} // namespace palaver::server
