#include "server/net/chatserver.h"

#include "server/auth/passwordhasher.h"
#include "server/bus/redisclient.h"
#include "server/cluster/bustransport.h"
#include "server/cluster/clusterlink.h"
#include "server/cluster/redisbus.h"
#include "server/cluster/sharedratelimit.h"
#include "server/core/accountwatcher.h"
#include "server/files/fileservice.h"
#include "server/handlers/requestrouter.h"
#include "server/handlers/servercontext.h"
#include "server/logging.h"
#include "server/net/connectionlistener.h"
#include "server/net/httpendpoints.h"
#include "server/net/session.h"
#include "server/net/tlscontext.h"
#include "server/net/websocketconnection.h"
#include "server/storage/database.h"
#include "server/storage/storeerror.h"
#include "server/storage/storefactories.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <unistd.h>

namespace palaver::server {

ChatServer::ChatServer(ServerConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_gate({m_config.maxConnections, m_config.maxConnectionsPerIp, m_config.handshakesPerIpPerS})
    , m_logins({m_config.loginFailuresPerAccount, m_config.loginFailuresPerIp,
          m_config.loginLockoutS * 1000})
    , m_fanout(m_roster, m_sessions)
    , m_limiter(m_config.ratePerS, m_config.burst)
    , m_badges(m_roster, m_sessions)
    , m_typing(m_roster, m_fanout)
    , m_presence(m_sessions, m_roster, m_fanout)
    , m_delivery(m_roster, m_sessions, m_fanout, m_badges, m_typing, m_metrics)
{
    m_deadlineTimer.setInterval(250);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &ChatServer::enforceAuthDeadlines);
    m_flusher.setBeforeFlush([this] { m_badges.flushPending(); });
    m_keepAliveTimer.setInterval(m_config.pingIntervalMs);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &ChatServer::keepAlive);
    m_maintenanceTimer.setInterval(5000);
    connect(&m_maintenanceTimer, &QTimer::timeout, this, &ChatServer::maintain);
    m_uptime.start();
}

ChatServer::~ChatServer()
{
    // Sessions first: their sockets must not outlive the handlers they signal.
    for (Session* s : std::as_const(m_connections))
        delete s;
    m_connections.clear();
    if (m_db)
        m_db->stop();
}

bool ChatServer::start(QString* error)
{
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = QStringLiteral("cannot create data folder %1").arg(m_config.dataDir);
        return false;
    }
    qint64 lastAccountChange = 0;
    if (m_config.tlsEnabled()) {
        m_tls = TlsContext::load(m_config.tlsCertFile, m_config.tlsKeyFile, error);
        if (!m_tls)
            return false;
    }
    m_db = std::make_unique<Database>(
        openStoreFactory(m_config.databaseUrl, m_config.databasePath()), this);
    try {
        m_db->start();
        // The roster is loaded before listening, so the first push already reaches everyone.
        auto store = m_db->factory().open(QStringLiteral("palaver-boot"), true);
        m_roster.load(store->rooms().allMemberships(), store->rooms().messageCounts());
        m_cluster = std::make_unique<ClusterLink>(
            *m_db, m_delivery, m_fanout, m_presence, m_typing, m_metrics, m_config.nodeId, this);
        m_cluster->load(store->rooms().lastSeqs());
        lastAccountChange = store->admin().lastAccountChangeId();
    } catch (const StoreError& e) {
        *error = QStringLiteral("database %1: %2")
                     .arg(m_db->factory().description(), QString::fromUtf8(e.what()));
        return false;
    }
    m_lastDatabaseAnswerMs = m_uptime.elapsed();
    m_files = std::make_unique<FileService>(m_config, *m_db, m_metrics);
    if (!m_files->prepare(error))
        return false;
    m_http = std::make_unique<HttpEndpoints>(m_config, m_metrics,
        HttpEndpoints::Probes {[this] {
                                   return !m_shuttingDown &&
                                       m_uptime.elapsed() - m_lastDatabaseAnswerMs < 15'000;
                               },
            [this] { return renderMetrics(); }});
    m_http->setFileService(m_files.get());
    m_requestHandler = [this](const HttpRequestHead& head, const QHostAddress& peer) {
        return m_http->decide(head, peer);
    };
    if (!m_config.busUrl.isEmpty()) {
        // Not waiting for Redis: a node serves its own clients without it and links up when
        // it can (the client reconnects with backoff).
        m_redis = std::make_unique<RedisClient>(*parseRedisUrl(m_config.busUrl), this);
        m_bus = std::make_unique<RedisBus>(*m_redis, this);
        m_sharedLimit =
            std::make_unique<SharedRateLimit>(*m_redis, m_config.ratePerS, m_config.burst);
        m_cluster->setBus(m_bus.get());
        m_redis->start();
    }
    m_hasher = std::make_unique<PasswordHasher>(this);
    m_context = std::make_unique<ServerContext>(
        ServerContext {m_config, *m_db, m_roster, m_sessions, m_fanout, *m_hasher, m_limiter,
            m_badges, m_typing, m_presence, m_metrics, m_logins, *m_cluster, m_sharedLimit.get()});
    m_router =
        std::make_unique<RequestRouter>(*m_context, [this](Session* s) { onAuthenticated(s); });

    m_server = new ConnectionListener(this);
    // Reconnect storms: thousands of clients at once must queue in the kernel, not be refused
    // (Qt's default backlog is 50).
    m_server->setListenBacklogSize(4096);
    m_server->onAccepted = [this](int fd) { onAccepted(fd); };
    if (!m_server->listen(m_config.host, m_config.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_config.host.toString())
                     .arg(m_config.port)
                     .arg(m_server->errorString());
        return false;
    }
    m_deadlineTimer.start();
    m_keepAliveTimer.start();
    m_maintenanceTimer.start();
    m_accountWatcher =
        std::make_unique<AccountWatcher>(*m_db, m_sessions, m_roster, m_fanout, this);
    m_accountWatcher->start(lastAccountChange);
    qCInfo(lcServer) << "serving" << url() << "with database" << m_db->factory().description();
    return true;
}

quint16 ChatServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QString ChatServer::url() const
{
    QString host = m_server->serverAddress().toString();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return QStringLiteral("%1://%2:%3/v1").arg(m_tls ? u"wss" : u"ws", host).arg(port());
}

QString ChatServer::tlsFingerprint() const
{
    return m_tls ? m_tls->fingerprint() : QString();
}

void ChatServer::onAccepted(int fd)
{
    auto* connection = new WebSocketConnection(
        fd, {m_config.maxFrameBytes, m_config.maxSendQueueBytes}, m_tls.get(), m_poller, m_flusher);
    const QHostAddress peer = connection->peerAddress();
    if (const std::optional<Refusal> why = m_gate.admit(peer, QDateTime::currentMSecsSinceEpoch()))
        return refuse(connection, *why);
    connection->setRequestHandler(&m_requestHandler);
    connect(connection, &WebSocketConnection::sendQueueOverflowed, this, [this, connection] {
        ServerMetrics::add(m_metrics.sendQueueOverflows);
        qCWarning(lcSession) << connection->peerAddress().toString()
                             << "dropped: it stopped reading and its send queue passed"
                             << m_config.maxSendQueueBytes << "bytes";
    });
    connect(connection, &WebSocketConnection::disconnected, this,
        [this, peer] { m_gate.release(peer); });
    auto* session = new Session(connection, m_nextNumber++, m_metrics, this);
    m_connections.insert(session);
    connect(session, &Session::disconnected, this, &ChatServer::onDisconnected);
    connect(
        connection, &WebSocketConnection::opened, session, [this, session] { onOpened(session); });
    // The deadline runs from the TCP accept: it also ends peers that never finish the
    // WebSocket handshake.
    session->setAuthDeadline(QDeadlineTimer(m_config.authTimeoutMs));
    m_awaitingAuth.emplace_back(session);
}

void ChatServer::refuse(WebSocketConnection* connection, Refusal why)
{
    ServerMetrics::add(m_metrics.refused[size_t(why)]);
    // Answering takes reading the request; past this many at once a flood just gets closed.
    constexpr int kMaxRefusing = 256;
    if (m_refusing >= kMaxRefusing) {
        delete connection;
        return;
    }
    ++m_refusing;
    connection->refuseWith(why == Refusal::TotalLimit
            ? HttpResponse::plain(
                  "503 Service Unavailable", "the server is full\n", "Retry-After: 10\r\n")
            : HttpResponse::plain("429 Too Many Requests",
                  "too many connections from this address\n", "Retry-After: 5\r\n"));
    connect(connection, &WebSocketConnection::disconnected, this, [this, connection] {
        --m_refusing;
        connection->deleteLater();
    });
    QTimer::singleShot(2000, connection, &WebSocketConnection::abort);
}

void ChatServer::maintain()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_gate.prune(now);
    m_logins.prune(now);
    m_db->read<Done>(
        [](Store& store) -> Outcome<Done> {
            store.users().userById(0);
            return Done {};
        },
        [this](Outcome<Done> result) {
            if (result.ok())
                m_lastDatabaseAnswerMs = m_uptime.elapsed();
        });
}

QByteArray ChatServer::renderMetrics() const
{
    MetricsGauges gauges;
    gauges.connections = quint64(m_connections.size());
    gauges.usersOnline = quint64(m_sessions.userCount());
    gauges.devicesOnline = quint64(m_sessions.sessionCount());
    gauges.batchesCommitted = m_db->writer().batchesCommitted();
    gauges.jobsCommitted = m_db->writer().jobsCommitted();
    gauges.databaseErrors = m_db->writer().errors();
    gauges.uptimeSeconds = double(m_uptime.elapsed()) / 1000;
    gauges.nodeId = m_config.nodeId.toUtf8();
    gauges.busConfigured = m_cluster->busConfigured();
    gauges.busReady = m_cluster->busReady();
    gauges.peerNodes = quint64(m_cluster->peerNodes());
    gauges.roomsBehind = quint64(m_cluster->roomsBehind());
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (statm.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = statm.readAll().split(' ');
        if (fields.size() > 1)
            gauges.residentBytes = fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE);
    }
    return palaver::server::renderMetrics(m_metrics, gauges, m_db->writer().commitTimes());
}

void ChatServer::onOpened(Session* session)
{
    if (m_shuttingDown)
        return session->close(CloseCode::GoingAway, QStringLiteral("server shutting down"));
    if (session->requestPath() != "/v1")
        return session->close(
            CloseCode::ProtocolViolation, QStringLiteral("unknown path: use /v1"));
    connect(session, &Session::frameReceived, this, [this](Session* s, const QByteArray& frame) {
        if (!m_shuttingDown)
            m_router->onFrame(*s, frame);
    });
    qCDebug(lcSession) << session->peerDescription() << "connected";
}

void ChatServer::onAuthenticated(Session* session)
{
    m_sessions.add(session);
    m_presence.devicesChanged(session->userId());
    m_router->replayDeferred(*session);
}

void ChatServer::onDisconnected(Session* session)
{
    if (!m_connections.remove(session))
        return;
    qCDebug(lcSession) << session->peerDescription() << "disconnected";
    const qint64 userId = session->userId();
    if (userId != 0 && !m_sessions.remove(session)) {
        m_presence.devicesChanged(userId); // e.g. the online device left, an away one stays
    } else if (userId != 0) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_limiter.forget(userId);
        m_typing.userGone(userId);
        m_presence.lastDeviceGone(userId, now);
        m_db->write<Done>(
            [userId, now](Store& store) -> Outcome<Done> {
                store.users().setLastSeen(userId, now);
                return Done {};
            },
            [](Outcome<Done>) {});
    }
    session->deleteLater();
    if (m_shuttingDown && m_connections.isEmpty())
        finishShutdown();
}

void ChatServer::enforceAuthDeadlines()
{
    while (!m_awaitingAuth.empty()) {
        const QPointer<Session>& front = m_awaitingAuth.front();
        if (front && !front->authDeadline().hasExpired())
            break;
        if (front && front->state() == Session::State::Unauthenticated)
            front->close(CloseCode::AuthRequired, QStringLiteral("authentication timeout"));
        m_awaitingAuth.pop_front();
    }
}

void ChatServer::keepAlive()
{
    // A copy: abort() reports the disconnect at once, which removes the session from the set.
    const QSet<Session*> sessions = m_connections;
    for (Session* s : sessions) {
        if (s->missedPongs() >= 2)
            s->abort();
        else
            s->ping();
    }
}

void ChatServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcServer) << "shutting down";
    if (m_accountWatcher)
        m_accountWatcher->stop();
    m_server->close();
    // Everything already queued commits and is answered before the clients are told to go.
    m_db->afterPendingWrites([this] {
        const auto sessions = m_connections;
        for (Session* s : sessions)
            s->close(CloseCode::GoingAway, QStringLiteral("server shutting down"));
        if (m_connections.isEmpty())
            finishShutdown();
        else
            QTimer::singleShot(2000, this, &ChatServer::finishShutdown);
    });
}

void ChatServer::finishShutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_db->stop();
    Q_EMIT stopped();
}

} // namespace palaver::server
