#include "server/storage/writebatcher.h"

#include "server/logging.h"
#include "server/storage/storeerror.h"
#include "server/storage/storefactory.h"
#include "server/storage/storekeeper.h"

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
    StoreKeeper keeper(m_factory, QStringLiteral("palaver-writer"), false);
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
        runBatch(keeper, batch);
        batch.clear();
    }
}

void WriteBatcher::runBatch(StoreKeeper& keeper, std::deque<StoreJob>& batch)
{
    // Deadlocks between nodes are rare and resolve on the next try; a few tries bound the
    // time a batch can take when they are not.
    constexpr int kAttempts = 4;
    std::vector<char> stored(batch.size(), 0);
    QElapsedTimer timer;
    timer.start();
    bool committed = false;
    bool reconnected = false;
    for (int i = 0; i < kAttempts && !committed; ++i) {
        Store* store = keeper.get();
        if (!store)
            break;
        const Attempt result = attempt(*store, batch, stored);
        if (result == Attempt::Committed) {
            committed = true;
        } else if (result == Attempt::Lost || result == Attempt::LostBeforeBegin) {
            keeper.drop();
            // Nothing reached the database when BEGIN failed (a connection that died while
            // idle): one try on a new connection is safe. Otherwise COMMIT's fate is unknown,
            // and the honest answer is a failure.
            if (result == Attempt::Lost || reconnected)
                break;
            reconnected = true;
        } else if (result == Attempt::Failed) {
            break;
        }
    }
    if (committed) {
        m_commitTimes.observe(timer.nsecsElapsed() / 1000);
        m_batches.fetch_add(1);
        m_jobs.fetch_add(batch.size());
    } else {
        m_errors.fetch_add(1);
    }
    finish(batch, stored, committed);
}

bool WriteBatcher::runJob(Store& store, StoreJob& job)
{
    try {
        return job.run(store);
    } catch (const StoreConflict& e) {
        qCInfo(lcStorage) << "write conflict, running the job again:" << e.what();
        store.rollbackToSavepoint();
        store.savepoint();
        return job.run(store); // a second conflict is a plain failure of the job
    }
}

WriteBatcher::Attempt WriteBatcher::attempt(
    Store& store, std::deque<StoreJob>& batch, std::vector<char>& stored)
{
    std::fill(stored.begin(), stored.end(), 0);
    bool begun = false;
    try {
        store.begin();
        begun = true;
        for (size_t i = 0; i < batch.size(); ++i) {
            // A savepoint per job: one refused or failing request leaves the others intact.
            store.savepoint();
            bool keep = false;
            try {
                keep = runJob(store, batch[i]);
                stored[i] = 1;
            } catch (const StoreTransactionAborted&) {
                throw;
            } catch (const StoreConnectionLost&) {
                throw;
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
        return Attempt::Committed;
    } catch (const StoreTransactionAborted& e) {
        qCWarning(lcStorage) << "batch of" << batch.size()
                             << "aborted, running it again:" << e.what();
        try {
            store.rollback();
        } catch (const StoreError&) {
            return Attempt::Lost;
        }
        return Attempt::Aborted;
    } catch (const StoreConnectionLost& e) {
        qCCritical(lcStorage) << "batch of" << batch.size() << "failed:" << e.what();
        return begun ? Attempt::Lost : Attempt::LostBeforeBegin;
    } catch (const StoreError& e) {
        qCCritical(lcStorage) << "batch of" << batch.size() << "failed to commit:" << e.what();
        try {
            store.rollback();
        } catch (const StoreError&) {
            // SQLite rolled back already when COMMIT failed; on PostgreSQL a failing ROLLBACK
            // means the connection is unusable. A new connection is right for both.
            return Attempt::Lost;
        }
        return Attempt::Failed;
    }
}

void WriteBatcher::finish(
    std::deque<StoreJob>& batch, const std::vector<char>& stored, bool committed)
{
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
