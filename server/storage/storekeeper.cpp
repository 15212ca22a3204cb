#include "server/storage/storekeeper.h"

#include "server/logging.h"
#include "server/storage/storeerror.h"
#include "server/storage/storefactory.h"

namespace palaver::server {
namespace {
constexpr int kFirstPauseMs = 100;
constexpr int kLongestPauseMs = 2000;
} // namespace

Store* StoreKeeper::get()
{
    if (m_store)
        return m_store.get();
    if (!m_nextAttempt.hasExpired())
        return nullptr;
    try {
        m_store = m_factory.open(m_name, m_readOnly);
        if (m_reportedDown)
            qCInfo(lcStorage) << m_name << "reconnected to the database";
        m_reportedDown = false;
        m_pauseMs = 0;
    } catch (const StoreError& e) {
        // Logged once per outage, not once per attempt.
        if (!m_reportedDown)
            qCCritical(lcStorage) << m_name << "cannot open the database:" << e.what();
        m_reportedDown = true;
        m_pauseMs = m_pauseMs == 0 ? kFirstPauseMs : std::min(m_pauseMs * 2, kLongestPauseMs);
        m_nextAttempt.setRemainingTime(m_pauseMs);
    }
    return m_store.get();
}

void StoreKeeper::drop()
{
    if (!m_store)
        return;
    qCWarning(lcStorage) << m_name << "lost its database connection; reopening";
    m_store.reset();
    m_reportedDown = true;
}

} // namespace palaver::server
