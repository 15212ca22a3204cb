#pragma once
// One worker thread's connection, kept usable across database outages: opened on first use,
// dropped after a connection loss and opened again before the next job, with a growing pause
// between failed attempts so an outage costs neither a busy loop nor a long stall.
#include "server/storage/store.h"

#include <QDeadlineTimer>
#include <QString>
#include <memory>

namespace palaver::server {
class StoreFactory;

class StoreKeeper
{
public:
    StoreKeeper(StoreFactory& factory, QString name, bool readOnly)
        : m_factory(factory)
        , m_name(std::move(name))
        , m_readOnly(readOnly)
    { }

    /// The connection, opened now if needed; null while the database cannot be reached (and
    /// during the pause after a failed attempt: jobs then fail at once).
    Store* get();
    /// Forgets a connection that was lost; the next get() opens a new one.
    void drop();

private:
    StoreFactory& m_factory;
    const QString m_name;
    const bool m_readOnly;
    std::unique_ptr<Store> m_store;
    QDeadlineTimer m_nextAttempt {0};
    int m_pauseMs = 0;
    bool m_reportedDown = false;
};

} // namespace palaver::server
