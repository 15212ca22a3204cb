#pragma once
// Deadlines for many keys on ONE timer, armed for the earliest: idle keys cost no timer and
// no wake-ups, however many rooms or users exist.
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <functional>
#include <map>

namespace palaver::server {

template <class Key> class DeadlineQueue
{
public:
    explicit DeadlineQueue(std::function<void(const Key&)> expired)
        : m_expired(std::move(expired))
    {
        m_clock.start();
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { fire(); });
    }

    /// (Re)sets the key to expire `delayMs` from now.
    void schedule(const Key& key, qint64 delayMs)
    {
        cancel(key);
        const qint64 deadline = m_clock.elapsed() + delayMs;
        m_deadlines.insert(key, deadline);
        m_order.emplace(deadline, key);
        arm();
    }

    /// True when the key was pending.
    bool cancel(const Key& key)
    {
        const auto it = m_deadlines.find(key);
        if (it == m_deadlines.end())
            return false;
        auto [first, last] = m_order.equal_range(*it);
        for (auto o = first; o != last; ++o) {
            if (o->second == key) {
                m_order.erase(o);
                break;
            }
        }
        m_deadlines.erase(it);
        arm();
        return true;
    }

    bool contains(const Key& key) const { return m_deadlines.contains(key); }
    qsizetype size() const { return m_deadlines.size(); }
    bool timerActive() const { return m_timer.isActive(); }

private:
    void arm()
    {
        if (m_order.empty()) {
            m_timer.stop();
            return;
        }
        m_timer.start(int(std::max<qint64>(0, m_order.begin()->first - m_clock.elapsed())));
    }

    void fire()
    {
        const qint64 now = m_clock.elapsed();
        while (!m_order.empty() && m_order.begin()->first <= now) {
            const Key key = m_order.begin()->second;
            m_order.erase(m_order.begin());
            m_deadlines.remove(key);
            m_expired(key);
        }
        arm();
    }

    std::function<void(const Key&)> m_expired;
    QElapsedTimer m_clock;
    QTimer m_timer;
    QHash<Key, qint64> m_deadlines;
    std::multimap<qint64, Key> m_order;
};

} // namespace palaver::server
