#include "client/rules/readmarkerpolicy.h"

namespace palaver::client {

ReadMarkerPolicy::ReadMarkerPolicy(QObject* parent, int coalesceMs)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(coalesceMs);
    connect(&m_timer, &QTimer::timeout, this, &ReadMarkerPolicy::flush);
}

void ReadMarkerPolicy::setWindowActive(bool active)
{
    m_windowActive = active;
}

void ReadMarkerPolicy::setServerMarker(const QString& roomId, qint64 seq)
{
    qint64& server = m_server[roomId];
    server = std::max(server, seq);
    qint64& marker = m_marker[roomId];
    marker = std::max(marker, seq);
}

void ReadMarkerPolicy::sendFailed(const QString& roomId, qint64 seq)
{
    // Back to what the server holds, so the seq counts as unsent; it was seen while active,
    // so it stays eligible without another seen().
    m_marker[roomId] = m_server.value(roomId, 0);
    qint64& pending = m_pending[roomId];
    pending = std::max(pending, seq);
}

void ReadMarkerPolicy::seen(const QString& roomId, qint64 seq)
{
    // A message on screen in a background window has not been read by anyone.
    if (!m_windowActive || seq <= m_marker.value(roomId, 0))
        return;
    qint64& pending = m_pending[roomId];
    if (seq <= pending)
        return;
    pending = seq;
    if (!m_timer.isActive())
        m_timer.start();
}

void ReadMarkerPolicy::flush()
{
    m_timer.stop();
    const QHash<QString, qint64> pending = std::exchange(m_pending, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        // A receipt from another device may have overtaken us meanwhile.
        if (it.value() <= m_marker.value(it.key(), 0))
            continue;
        m_marker[it.key()] = it.value();
        Q_EMIT sendRead(it.key(), it.value());
    }
}

} // namespace palaver::client
