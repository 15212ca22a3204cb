#pragma once
// Reader threads with their own connections. In WAL mode a read sees the last commit and
// never waits behind the writer's batch, so history and sync stay fast under heavy sending.
#include "server/storage/storejob.h"

#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QWaitCondition>
#include <deque>
#include <memory>
#include <vector>

namespace palaver::server {
class StoreFactory;

class ReadPool final
{
public:
    ReadPool(StoreFactory& factory, QObject* completionContext, int threads);
    ~ReadPool();

    void start();
    /// Each job runs in one read transaction: one consistent snapshot.
    void submit(StoreJob job);
    /// Finishes queued reads, then ends the threads.
    void stop();

private:
    void work(int index);
    /// One try at `job`; false when it failed, with `lost` set (and the connection dropped)
    /// when the connection went with it.
    static bool runRead(class StoreKeeper& keeper, StoreJob& job, bool& lost);

    StoreFactory& m_factory;
    QPointer<QObject> m_context;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<StoreJob> m_queue;
    bool m_stopping = false;
    std::vector<std::unique_ptr<QThread>> m_threads;
};

} // namespace palaver::server
