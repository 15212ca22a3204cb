#pragma once
// Group commit: one writer thread takes every job queued while the previous commit was
// running and commits them together, so N concurrent senders share one fsync instead of
// paying one each. No job's finish runs before the commit that holds it.
#include "server/metrics/latencyhistogram.h"
#include "server/storage/storejob.h"

#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QWaitCondition>
#include <atomic>
#include <deque>

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
    void runBatch(class Store& store, std::deque<StoreJob>& batch);

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
