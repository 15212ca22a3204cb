#pragma once
#include <QTcpServer>
#include <functional>

namespace palaver::server {

/// The listening socket. Accepted descriptors go straight to `onAccepted` instead of into a
/// QTcpSocket each (WebSocketConnection reads and writes them itself).
class ConnectionListener final : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;
    std::function<void(int fd)> onAccepted;

protected:
    void incomingConnection(qintptr fd) override;
};

} // namespace palaver::server
