#include "client/net/requesttracker.h"

namespace palaver::client {

qint64 RequestTracker::add(QObject* context, Handler handler)
{
    const qint64 id = m_nextId++;
    // Requests without a handler still get an id: the server answers errors by `re`, and an
    // unmatched answer would otherwise look like a push.
    m_pending.insert(id, Pending {context, context != nullptr, std::move(handler)});
    return id;
}

bool RequestTracker::resolve(const QJsonValue& re, const ServerMessage& answer)
{
    if (!re.isDouble())
        return false;
    const auto it = m_pending.find(qint64(re.toDouble()));
    if (it == m_pending.end())
        return false;
    const Pending pending = std::move(it.value());
    m_pending.erase(it);
    if (pending.handler && (!pending.hasContext || pending.context))
        pending.handler(answer);
    return true;
}

} // namespace palaver::client
