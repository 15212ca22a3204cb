#include "server/storage/readpool.h"

#include "server/logging.h"
#include "server/storage/storeerror.h"
#include "server/storage/storefactory.h"
#include "server/storage/storekeeper.h"

#include <QMetaObject>

namespace palaver::server {

ReadPool::ReadPool(StoreFactory& factory, QObject* completionContext, int threads)
    : m_factory(factory)
    , m_context(completionContext)
{
    for (int i = 0; i < threads; ++i) {
        m_threads.emplace_back(QThread::create([this, i] { work(i); }));
        m_threads.back()->setObjectName(QStringLiteral("palaver-reader-%1").arg(i));
    }
}

ReadPool::~ReadPool()
{
    stop();
}

void ReadPool::start()
{
    for (auto& thread : m_threads)
        thread->start();
}

void ReadPool::submit(StoreJob job)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(std::move(job));
    m_wake.wakeOne();
}

void ReadPool::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    for (auto& thread : m_threads)
        thread->wait();
}

void ReadPool::work(int index)
{
    StoreKeeper keeper(m_factory, QStringLiteral("palaver-reader-%1").arg(index), true);
    for (;;) {
        StoreJob job;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.empty())
                break;
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        // A read changes nothing, so after a lost connection it may run once more on a new
        // one: the first read after a database restart then does not fail.
        bool lost = false;
        bool ok = runRead(keeper, job, lost);
        if (!ok && lost)
            ok = runRead(keeper, job, lost);
        QMetaObject::invokeMethod(
            m_context, [finish = std::move(job.finish), ok] { finish(ok); }, Qt::QueuedConnection);
    }
}

bool ReadPool::runRead(StoreKeeper& keeper, StoreJob& job, bool& lost)
{
    Store* store = keeper.get();
    if (!store)
        return false;
    try {
        store->beginRead();
        job.run(*store);
        store->commit();
        return true;
    } catch (const StoreConnectionLost& e) {
        qCWarning(lcStorage) << "read failed:" << e.what();
        keeper.drop();
        lost = true;
    } catch (const StoreError& e) {
        qCWarning(lcStorage) << "read failed:" << e.what();
        try {
            store->rollback();
        } catch (const StoreError&) {
            keeper.drop();
            lost = true;
        }
    }
    return false;
}

} // namespace palaver::server
