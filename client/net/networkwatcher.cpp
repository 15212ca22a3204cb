#include "client/net/networkwatcher.h"

#include "client/logging.h"

#include <QNetworkInformation>

namespace palaver::client {

NetworkWatcher::NetworkWatcher(QObject* parent)
    : QObject(parent)
{
    // Loading is process-wide and idempotent; on systems without NetworkManager (CI, servers)
    // it fails and reconnects rely on the backoff alone.
    if (!QNetworkInformation::instance())
        QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability);
    QNetworkInformation* info = QNetworkInformation::instance();
    m_available = info != nullptr;
    if (!info) {
        qCDebug(lcClientNet) << "no network information backend; reconnects use backoff only";
        return;
    }
    connect(info, &QNetworkInformation::reachabilityChanged, this,
        [this](QNetworkInformation::Reachability reachability) {
            if (reachability == QNetworkInformation::Reachability::Online)
                Q_EMIT networkUp();
        });
}

} // namespace palaver::client
