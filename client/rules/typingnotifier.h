#pragma once
// When to tell others that the user is typing in one room: `active:true` at most every 3 s
// while keys are pressed, `active:false` after 5 s without a key or when the message is sent.
#include <QObject>
#include <QTimer>
#include <functional>

namespace palaver::client {

/// The typing rule of one room's composer.
class TypingNotifier : public QObject
{
    Q_OBJECT
public:
    /// Monotonic milliseconds; injected so tests need not wait for real seconds.
    using Clock = std::function<qint64()>;

    explicit TypingNotifier(
        QObject* parent = nullptr, int refreshMs = 3000, int idleMs = 5000, Clock clock = {});

    /// The user changed the composer's text.
    void userTyped();
    /// The composer was emptied or its message sent.
    void stopped();
    bool isActive() const { return m_active; }

Q_SIGNALS:
    /// Send `typing {active}` for this room.
    void sendTyping(bool active);

private:
    int m_refreshMs;
    Clock m_clock;
    bool m_active = false;
    qint64 m_lastSent = 0;
    QTimer m_idle;
};

} // namespace palaver::client
