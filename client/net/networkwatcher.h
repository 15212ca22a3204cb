#pragma once
// Tells when the network comes back, so a waiting reconnect can start at once instead of
// after its backoff. Works without a backend too: then it simply never reports.
#include <QObject>

namespace palaver::client {

/// Wraps QNetworkInformation when a backend loads on this system.
class NetworkWatcher : public QObject
{
    Q_OBJECT
public:
    explicit NetworkWatcher(QObject* parent = nullptr);
    /// True when a reachability backend is loaded.
    bool isAvailable() const { return m_available; }

Q_SIGNALS:
    /// The system reports the network reachable again.
    void networkUp();

private:
    bool m_available = false;
};

} // namespace palaver::client
