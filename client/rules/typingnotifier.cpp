#include "client/rules/typingnotifier.h"

#include <QElapsedTimer>

namespace palaver::client {

TypingNotifier::TypingNotifier(QObject* parent, int refreshMs, int idleMs, Clock clock)
    : QObject(parent)
    , m_refreshMs(refreshMs)
    , m_clock(std::move(clock))
{
    if (!m_clock) {
        m_clock = [] {
            static QElapsedTimer started = [] {
                QElapsedTimer t;
                t.start();
                return t;
            }();
            return started.elapsed();
        };
    }
    m_idle.setSingleShot(true);
    m_idle.setInterval(idleMs);
    connect(&m_idle, &QTimer::timeout, this, &TypingNotifier::stopped);
}

void TypingNotifier::userTyped()
{
    m_idle.start();
    const qint64 now = m_clock();
    // The server expires a typing state 6 s after its last refresh; refreshing every 3 s
    // keeps it alive with one spare, and no faster so typing costs little.
    if (!m_active || now - m_lastSent >= m_refreshMs) {
        m_active = true;
        m_lastSent = now;
        Q_EMIT sendTyping(true);
    }
}

void TypingNotifier::stopped()
{
    m_idle.stop();
    if (!m_active)
        return;
    m_active = false;
    Q_EMIT sendTyping(false);
}

} // namespace palaver::client
