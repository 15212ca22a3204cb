#pragma once
// Gathers the connections that have frames queued during one pass of the event loop and
// flushes each once at the end of it: a push to 1,000 sockets, or eight pushes to one socket,
// then costs one system call per socket instead of one buffer copy and one call per frame.
#include <QObject>
#include <functional>
#include <vector>

namespace palaver::server {
class WebSocketConnection;

class WriteFlusher final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Flushes `connection` once after the current pass of the event loop.
    void schedule(WebSocketConnection* connection);
    /// Called by a connection that goes away while scheduled.
    void forget(WebSocketConnection* connection);
    /// Runs at the start of every flush, before any frame is written; what it sends goes out
    /// in the same flush (the server's coalesced badges).
    void setBeforeFlush(std::function<void()> hook) { m_beforeFlush = std::move(hook); }

private:
    void flushAll();

    std::vector<WebSocketConnection*> m_dirty;
    bool m_posted = false;
    std::function<void()> m_beforeFlush;
};

} // namespace palaver::server
