#include "server/net/writeflusher.h"

#include "server/net/websocketconnection.h"

#include <algorithm>

namespace palaver::server {

void WriteFlusher::schedule(WebSocketConnection* connection)
{
    m_dirty.push_back(connection);
    if (m_posted)
        return;
    m_posted = true;
    // Queued: runs once the handlers of this pass (a whole commit batch's acks and pushes)
    // have queued everything they send.
    QMetaObject::invokeMethod(this, &WriteFlusher::flushAll, Qt::QueuedConnection);
}

void WriteFlusher::forget(WebSocketConnection* connection)
{
    m_dirty.erase(std::remove(m_dirty.begin(), m_dirty.end(), connection), m_dirty.end());
}

void WriteFlusher::flushAll()
{
    if (m_beforeFlush)
        m_beforeFlush(); // may schedule more connections: they are flushed below
    m_posted = false;
    std::vector<WebSocketConnection*> dirty;
    dirty.swap(m_dirty);
    for (WebSocketConnection* connection : dirty)
        connection->flush();
}

} // namespace palaver::server
