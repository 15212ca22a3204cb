#pragma once
// Owns the listening socket and everything a connection needs; one per server process.
#include "server/config/serverconfig.h"
#include "server/core/badgepublisher.h"
#include "server/core/fanout.h"
#include "server/core/presencetracker.h"
#include "server/core/ratelimiter.h"
#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/core/typingtracker.h"
#include "server/net/socketpoller.h"
#include "server/net/writeflusher.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <deque>
#include <memory>

namespace palaver::server {
class AccountWatcher;
class Database;
class PasswordHasher;
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

    /// Stops accepting, commits and answers what was queued, closes every client with 1001,
    /// then emits stopped().
    void shutdown();

Q_SIGNALS:
    void stopped();

private:
    void onAccepted(int fd);
    void onOpened(Session* session);
    void onDisconnected(Session* session);
    void onAuthenticated(Session* session);
    void enforceAuthDeadlines();
    void keepAlive();
    void finishShutdown();

    ServerConfig m_config;
    std::unique_ptr<Database> m_db;
    RoomRoster m_roster;
    SessionRegistry m_sessions;
    Fanout m_fanout;
    RateLimiter m_limiter;
    BadgePublisher m_badges;
    TypingTracker m_typing;
    PresenceTracker m_presence;
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
    quint64 m_nextNumber = 1;
    bool m_shuttingDown = false;
    bool m_stopped = false;
};

} // namespace palaver::server
