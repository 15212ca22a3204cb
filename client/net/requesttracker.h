#pragma once
// Matches answers to requests by `re`. Handlers belong to a context object: when it is gone
// (a model the view dropped), its answers are ignored instead of touching freed memory.
#include "shared/framecodec.h"

#include <QHash>
#include <QJsonValue>
#include <QPointer>
#include <functional>

namespace palaver::client {

/// The request ids one connection has in flight and what to do with their answers.
class RequestTracker
{
public:
    using Handler = std::function<void(const ServerMessage&)>;

    /// Reserves a fresh id; `handler` runs with the answer unless `context` died meanwhile.
    qint64 add(QObject* context, Handler handler);
    /// Runs and forgets the handler of `re`; false when no request has that id.
    bool resolve(const QJsonValue& re, const ServerMessage& answer);
    /// Forgets every pending request: a lost connection will not answer them. Their owners
    /// learn about it from the connection's state and retry as they see fit.
    void clear() { m_pending.clear(); }
    int pendingCount() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Handler handler;
    };
    QHash<qint64, Pending> m_pending;
    qint64 m_nextId = 1;
};

} // namespace palaver::client
