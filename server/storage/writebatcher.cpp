#include "server/storage/writebatcher.h"

#include "server/logging.h"
#include "server/storage/storeerror.h"
#include "server/storage/storefactory.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <vector>

namespace palaver::server {

WriteBatcher::WriteBatcher(StoreFactory& factory, QObject* completionContext, int maxBatch)
    : m_factory(factory)
    , m_context(completionContext)
    , m_maxBatch(maxBatch)
{
    setObjectName(QStringLiteral("palaver-writer"));
}

WriteBatcher::~WriteBatcher()
{
    stopAndDrain();
}

void WriteBatcher::submit(StoreJob job)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(std::move(job));
    m_wake.wakeOne();
}

void WriteBatcher::stopAndDrain()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeOne();
    }
    wait();
}

void WriteBatcher::run()
{
    std::unique_ptr<Store> store;
    try {
        store = m_factory.open(QStringLiteral("palaver-writer"), false);
    } catch (const StoreError& e) {
        qCCritical(lcStorage) << "writer cannot open the database:" << e.what();
    }
    std::deque<StoreJob> batch;
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.empty() && m_stopping)
                break;
            const auto take = std::min<size_t>(m_queue.size(), size_t(m_maxBatch));
            std::move(m_queue.begin(), m_queue.begin() + take, std::back_inserter(batch));
            m_queue.erase(m_queue.begin(), m_queue.begin() + take);
        }
        if (store) {
            runBatch(*store, batch);
        } else {
            std::vector<std::function<void(bool)>> finishes;
            for (StoreJob& job : batch)
                finishes.push_back(std::move(job.finish));
            QMetaObject::invokeMethod(
                m_context,
                [finishes = std::move(finishes)] {
                    for (const auto& finish : finishes)
                        finish(false);
                },
                Qt::QueuedConnection);
        }
        batch.clear();
    }
}

void WriteBatcher::runBatch(Store& store, std::deque<StoreJob>& batch)
{
    std::vector<char> stored(batch.size(), 0);
    bool committed = false;
    QElapsedTimer timer;
    timer.start();
    try {
        store.begin();
        for (size_t i = 0; i < batch.size(); ++i) {
            // A savepoint per job: one refused or failing request leaves the others intact.
            store.savepoint();
            bool keep = false;
            try {
                keep = batch[i].run(store);
                stored[i] = 1;
            } catch (const StoreError& e) {
                m_errors.fetch_add(1);
                qCWarning(lcStorage) << "write failed:" << e.what();
            }
            if (keep)
                store.releaseSavepoint();
            else
                store.rollbackToSavepoint();
        }
        store.commit();
        committed = true;
        m_commitTimes.observe(timer.nsecsElapsed() / 1000);
    } catch (const StoreError& e) {
        m_errors.fetch_add(1);
        qCCritical(lcStorage) << "batch of" << batch.size() << "failed to commit:" << e.what();
        try {
            store.rollback();
        } catch (const StoreError&) {
            // Nothing more to undo: SQLite already rolled back when COMMIT failed.
        }
    }
    if (committed) {
        m_batches.fetch_add(1);
        m_jobs.fetch_add(batch.size());
    }
    std::vector<std::pair<std::function<void(bool)>, bool>> finishes;
    finishes.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i)
        finishes.emplace_back(std::move(batch[i].finish), committed && stored[i]);
    // One posted call per batch keeps acks and pushes in commit order and cheap to deliver.
    QMetaObject::invokeMethod(
        m_context,
        [finishes = std::move(finishes)] {
            for (const auto& [finish, ok] : finishes)
                finish(ok);
        },
        Qt::QueuedConnection);
}

} // namespace palaver::server
