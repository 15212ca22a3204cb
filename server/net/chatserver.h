#pragma once
// Owns the listening socket and everything a connection needs; one per server process.
#include "server/auth/loginthrottle.h"
#include "server/cluster/roomdelivery.h"
#include "server/config/serverconfig.h"
#include "server/core/badgepublisher.h"
#include "server/core/fanout.h"
#include "server/core/presencetracker.h"
#include "server/core/ratelimiter.h"
#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/core/typingtracker.h"
#include "server/metrics/servermetrics.h"
#include "server/net/connectiongate.h"
#include "server/net/socketpoller.h"
#include "server/net/websocketconnection.h"
#include "server/net/writeflusher.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <deque>
#include <memory>

namespace palaver::server {
class AccountWatcher;
class BusTransport;
class ClusterLink;
class RedisClient;
class SharedRateLimit;
class Database;
class FileService;
class HttpEndpoints;
class PasswordHasher;
class TlsContext;
class RequestRouter;
class Session;
struct ServerContext;

class ChatServer final : public QObject
{
    Q_OBJECT
public:
    explicit ChatServer(ServerConfig config, QObject* parent = nullptr);
    ~ChatServer() override;

    /// Opens and migrates the database, loads memberships and starts listening.
    bool start(QString* error);
    /// The bound port (useful with port 0).
    quint16 port() const;
    QString url() const;
    /// SHA-256 of the TLS certificate ("AB:CD:…"), empty without TLS.
    QString tlsFingerprint() const;

    /// Stops accepting, commits and answers what was queued, closes every client with 1001,
    /// then emits stopped().
    void shutdown();

Q_SIGNALS:
    void stopped();

private:
    void onAccepted(int fd);
    void refuse(WebSocketConnection* connection, Refusal why);
    void maintain();
    QByteArray renderMetrics() const;
    void onOpened(Session* session);
    void onDisconnected(Session* session);
    void onAuthenticated(Session* session);
    void enforceAuthDeadlines();
    void keepAlive();
    void finishShutdown();

    ServerConfig m_config;
    ServerMetrics m_metrics;
    ConnectionGate m_gate;
    LoginThrottle m_logins;
    std::unique_ptr<TlsContext> m_tls;
    std::unique_ptr<HttpEndpoints> m_http;
    WebSocketConnection::RequestHandler m_requestHandler;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<FileService> m_files; ///< after m_db: its workers finish first
    RoomRoster m_roster;
    SessionRegistry m_sessions;
    Fanout m_fanout;
    RateLimiter m_limiter;
    BadgePublisher m_badges;
    TypingTracker m_typing;
    PresenceTracker m_presence;
    RoomDelivery m_delivery;
    std::unique_ptr<RedisClient> m_redis; ///< these three with --bus
    std::unique_ptr<BusTransport> m_bus;
    std::unique_ptr<SharedRateLimit> m_sharedLimit;
    std::unique_ptr<ClusterLink> m_cluster;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<RequestRouter> m_router;
    std::unique_ptr<AccountWatcher> m_accountWatcher; ///< acts on admin commands
    class ConnectionListener* m_server = nullptr;
    SocketPoller m_poller;
    WriteFlusher m_flusher;
    QSet<Session*> m_connections;
    std::deque<QPointer<Session>> m_awaitingAuth; ///< oldest first: deadlines are in order
    QTimer m_deadlineTimer;
    QTimer m_keepAliveTimer;
    QTimer m_maintenanceTimer; ///< prunes limiters, probes the database for /healthz
    QElapsedTimer m_uptime;
    qint64 m_lastDatabaseAnswerMs = 0;
    int m_refusing = 0; ///< refused connections still being answered
    quint64 m_nextNumber = 1;
    bool m_shuttingDown = false;
    bool m_stopped = false;
};

} // namespace palaver::server
