#include "server/storage/readpool.h"

#include "server/logging.h"
#include "server/storage/storeerror.h"
#include "server/storage/storefactory.h"

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
    std::unique_ptr<Store> store;
    try {
        store = m_factory.open(QStringLiteral("palaver-reader-%1").arg(index), true);
    } catch (const StoreError& e) {
        qCCritical(lcStorage) << "reader cannot open the database:" << e.what();
    }
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
        bool ok = false;
        if (store) {
            try {
                store->beginRead();
                job.run(*store);
                store->commit();
                ok = true;
            } catch (const StoreError& e) {
                qCWarning(lcStorage) << "read failed:" << e.what();
                try {
                    store->rollback();
                } catch (const StoreError&) { }
            }
        }
        QMetaObject::invokeMethod(
            m_context, [finish = std::move(job.finish), ok] { finish(ok); }, Qt::QueuedConnection);
    }
}

} // namespace palaver::server
