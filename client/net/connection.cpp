#include "client/net/connection.h"

#include "client/logging.h"
#include "client/net/certificatecheck.h"
#include "client/net/networkwatcher.h"
#include "shared/limits.h"

#include <QSslConfiguration>
#include <QSysInfo>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
constexpr int kDefaultPingIntervalMs = 25000; // under the server's 30 s ping: idle NATs stay open
constexpr int kDefaultPongTimeoutMs = 10000;
constexpr int kConnectTimeoutMs = 15000; // an unroutable host would otherwise hang for minutes
constexpr int kLogoutGraceMs = 3000;

// What the server presented, leaf first (the chain is empty only if the TLS layer kept none).
QList<QSslCertificate> presentedChain(const QSslConfiguration& tls)
{
    QList<QSslCertificate> chain = tls.peerCertificateChain();
    if (chain.isEmpty() && !tls.peerCertificate().isNull())
        chain.append(tls.peerCertificate());
    return chain;
}

bool closeCodeForbidsRetry(int code)
{
    // 4400 means this client broke the protocol: retrying would only repeat it. 4401/4403 mean
    // the credentials are gone. 1000 is not here: QWebSocket reports it for a link that died
    // without any close frame too, and the server sends it only after our own logout.
    return code == int(CloseCode::ProtocolViolation) || code == int(CloseCode::AuthRequired) ||
        code == int(CloseCode::AccountDisabled);
}
} // namespace

Connection::Connection(QObject* parent)
    : QObject(parent)
    , m_network(new NetworkWatcher(this))
{
    m_reconnectTimer.setSingleShot(true);
    m_connectTimeout.setSingleShot(true);
    m_connectTimeout.setInterval(kConnectTimeoutMs);
    m_pongTimeout.setSingleShot(true);
    m_countdownTimer.setInterval(1000);
    setPingInterval(kDefaultPingIntervalMs, kDefaultPongTimeoutMs);

    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_connectTimeout.stop();
        // Nothing is sent, above all no token or password, before the certificate passed.
        if (!peerMatchesPin()) {
            m_socket.abort();
            return;
        }
        setState(State::Authenticating);
        sendAuth();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &Connection::onDisconnected);
    connect(&m_socket, &QWebSocket::sslErrors, this, &Connection::onSslErrors);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &Connection::onTextMessage);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] { m_socket.abort(); });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Connection::connectNow);
    connect(&m_countdownTimer, &QTimer::timeout, this, [this] {
        const int left = int((m_reconnectTimer.remainingTime() + 999) / 1000);
        if (left != m_retryInSeconds) {
            m_retryInSeconds = std::max(0, left);
            Q_EMIT retryInSecondsChanged(m_retryInSeconds);
        }
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &Connection::sendPing);
    connect(&m_pongTimeout, &QTimer::timeout, this, [this] {
        qCInfo(lcClientNet) << "no pong in time; dropping the link";
        m_socket.abort();
    });
    connect(m_network, &NetworkWatcher::networkUp, this, [this] {
        if (m_state == State::Reconnecting)
            scheduleReconnect(m_policy.now());
    });
}

Connection::~Connection()
{
    // Quietly: the owner is going away and must not hear about it.
    m_socket.disconnect(this);
    m_socket.abort();
}

void Connection::setPingInterval(int intervalMs, int timeoutMs)
{
    m_pingTimer.setInterval(intervalMs);
    m_pongTimeout.setInterval(timeoutMs);
}

void Connection::open(const QUrl& url, const AuthRequest& auth)
{
    close();
    m_url = url;
    m_auth = auth;
    m_authRejected = false;
    m_policy.reset();
    connectNow();
}

void Connection::logout()
{
    if (m_state != State::Online) {
        close();
        return;
    }
    // The server answers ok and then closes with 1000; the timer covers a server that never
    // answers, so signing out cannot hang.
    request(LogoutRequest {}, this, [this](const ServerMessage&) { close(); });
    m_auth = {};
    setState(State::SignedOut);
    QTimer::singleShot(kLogoutGraceMs, this, [this] {
        if (m_state == State::SignedOut)
            m_socket.abort();
    });
}

void Connection::close()
{
    stopTimers();
    m_tracker.clear();
    m_question.clear();
    setState(State::SignedOut);
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state != State::Reconnecting && m_retryInSeconds != 0) {
        m_retryInSeconds = 0;
        Q_EMIT retryInSecondsChanged(0);
    }
    Q_EMIT stateChanged(state);
}

void Connection::connectNow()
{
    stopTimers();
    // A retry stays "Reconnecting" until the socket is up: the banner should not flicker.
    if (m_state != State::Reconnecting)
        setState(State::Connecting);
    qCDebug(lcClientNet) << "connecting to" << m_url.toDisplayString();
    m_certificateRefusal.clear();
    // Only the pinned chain's own "untrusted" errors: any other certificate still fails. The
    // list form of ignoreSslErrors, because QWebSocket keeps the argument-less form for every
    // later connection.
    m_ignoredSslErrors = m_url.scheme() == u"wss"_s
        ? CertificateCheck::ignorableErrors(m_pins.pin(CertificatePins::serverKey(m_url)).chain)
        : QList<QSslError>();
    m_socket.ignoreSslErrors(m_ignoredSslErrors);
    m_connectTimeout.start();
    m_socket.open(m_url);
}

void Connection::sendAuth()
{
    const QJsonValue id(m_tracker.add(this, [this](const ServerMessage& answer) {
        if (const auto* welcome = std::get_if<WelcomeAnswer>(&answer)) {
            onWelcome(*welcome);
            return;
        }
        ErrorAnswer error;
        if (const auto* e = std::get_if<ErrorAnswer>(&answer))
            error = *e;
        // A refused token or password will not get better by retrying. internal (storage
        // trouble on the server) will, so that one reconnects with backoff.
        if (error.code == ErrorCode::Internal)
            return;
        m_authRejected = true;
        close();
        Q_EMIT authFailed(error);
    }));
    const QString device = QSysInfo::machineHostName().left(limits::maxDevice);
    switch (m_auth.mode) {
    case AuthRequest::Mode::Register:
        sendText(encodeRequest(RegisterRequest {limits::protocolVersion, m_auth.username,
                                   m_auth.password, m_auth.displayName, device},
            id));
        break;
    case AuthRequest::Mode::Login:
        sendText(encodeRequest(
            LoginRequest {limits::protocolVersion, m_auth.username, m_auth.password, device}, id));
        break;
    case AuthRequest::Mode::Resume:
        sendText(encodeRequest(ResumeRequest {limits::protocolVersion, m_auth.token}, id));
        break;
    }
}

void Connection::onWelcome(const WelcomeAnswer& welcome)
{
    // From now on reconnects resume with the token; the password leaves memory.
    m_auth.mode = AuthRequest::Mode::Resume;
    m_auth.password.clear();
    m_auth.token = welcome.token;
    m_limits = welcome.limits;
    m_policy.reset();
    m_pingTimer.start();
    setState(State::Online);
    Q_EMIT authenticated(welcome);
}

void Connection::sendText(const QByteArray& utf8)
{
    m_socket.sendTextMessage(QString::fromUtf8(utf8));
}

void Connection::onTextMessage(const QString& text)
{
    // Any frame proves the link is alive.
    m_pongTimeout.stop();
    auto decoded = decodeServerFrame(text.toUtf8());
    if (auto* error = std::get_if<FrameError>(&decoded)) {
        qCWarning(lcClientNet) << "undecodable server frame:" << error->error.message;
        // An answer we cannot read still ends its request, as an error the caller can show.
        if (!error->id.isUndefined())
            m_tracker.resolve(
                error->id, ErrorAnswer {ErrorCode::Internal, error->error.message, std::nullopt});
        return;
    }
    const ServerFrame& frame = std::get<ServerFrame>(decoded);
    if (frame.re.isUndefined() || frame.re.isNull()) {
        if (m_state == State::Online)
            Q_EMIT pushReceived(frame.message);
        return;
    }
    if (!m_tracker.resolve(frame.re, frame.message))
        qCDebug(lcClientNet) << "answer to an unknown request" << frame.re;
}

void Connection::onDisconnected()
{
    const int code = m_socket.closeCode();
    const QString reason = m_socket.closeReason();
    m_tracker.clear();
    m_pingTimer.stop();
    m_pongTimeout.stop();
    m_connectTimeout.stop();
    if (m_state == State::SignedOut || m_authRejected)
        return;
    if (m_question.problem() != CertificateQuestion::None) {
        // Retrying would only ask again: wait for trustCertificate() or rejectCertificate().
        stopTimers();
        setState(State::AwaitingTrust);
        return;
    }
    if (!m_certificateRefusal.isEmpty()) {
        const QString message = m_certificateRefusal;
        close();
        Q_EMIT certificateRefused(message);
        return;
    }
    qCInfo(lcClientNet) << "connection lost:" << code << reason;
    Q_EMIT connectionLost(code, reason);
    if (closeCodeForbidsRetry(code) && m_state == State::Online) {
        // A break the server chose on purpose: stay signed out and let the user decide.
        close();
        return;
    }
    setState(State::Reconnecting);
    scheduleReconnect(m_policy.nextDelay());
}

void Connection::onSslErrors(const QList<QSslError>& errors)
{
    const QString server = CertificatePins::serverKey(m_url);
    const CertificatePin pin = m_pins.pin(server);
    const QSslConfiguration tls = m_socket.sslConfiguration();
    const QSslCertificate peer = tls.peerCertificate();
    const CertificateVerdict verdict =
        CertificateCheck::judge(pin.digest(), peer, errors, m_ignoredSslErrors);
    if (verdict == CertificateVerdict::Proceed)
        return;
    QStringList reasons;
    for (const QSslError& error : errors) {
        if (!reasons.contains(error.errorString()))
            reasons.append(error.errorString());
    }
    const char* why = verdict == CertificateVerdict::Changed ? "changed; refused:"
        : verdict == CertificateVerdict::AskFirstUse         ? "not trusted; asking:"
                                                             : "invalid; refused:";
    qCWarning(lcClientNet) << "certificate of" << server << why << reasons;
    // The errors are not ignored, so the handshake fails and onDisconnected() follows.
    const QList<QSslCertificate> chain = presentedChain(tls);
    switch (verdict) {
    case CertificateVerdict::AskFirstUse:
        m_question.ask(CertificateQuestion::Untrusted, server, chain, reasons);
        break;
    case CertificateVerdict::Changed:
        m_question.ask(CertificateQuestion::Changed, server, chain, reasons,
            CertificateCheck::fingerprint(pin.leaf()));
        break;
    default:
        m_certificateRefusal =
            tr("The certificate of %1 is not valid: %2").arg(server, reasons.join(u"; "_s));
        break;
    }
}

bool Connection::peerMatchesPin()
{
    if (m_url.scheme() != u"wss"_s)
        return true;
    if (m_question.problem() != CertificateQuestion::None || !m_certificateRefusal.isEmpty())
        return false;
    // A pinned server that now shows a certificate the system trusts (no TLS errors, so
    // onSslErrors never ran) is still a changed certificate.
    const QString server = CertificatePins::serverKey(m_url);
    if (!m_pins.contains(server))
        return true;
    const CertificatePin pin = m_pins.pin(server);
    const QSslConfiguration tls = m_socket.sslConfiguration();
    if (CertificateCheck::digest(tls.peerCertificate()) == pin.digest())
        return true;
    qCWarning(lcClientNet) << "certificate of" << server << "changed";
    m_question.ask(CertificateQuestion::Changed, server, presentedChain(tls), {},
        CertificateCheck::fingerprint(pin.leaf()));
    return false;
}

bool Connection::trustCertificate()
{
    if (m_state != State::AwaitingTrust || m_question.problem() == CertificateQuestion::None)
        return false;
    const QString server = m_question.server();
    if (!m_pins.trust(server, m_question.chain()))
        Q_EMIT certificatePinNotSaved(m_pins.storageFile());
    qCInfo(lcClientNet) << "user trusts certificate" << m_question.fingerprint() << "for" << server;
    m_question.clear();
    m_policy.reset();
    setState(State::Connecting);
    connectNow();
    return true;
}

void Connection::rejectCertificate()
{
    close();
}

void Connection::scheduleReconnect(std::chrono::milliseconds delay)
{
    m_reconnectTimer.start(delay);
    m_retryInSeconds = int((delay.count() + 999) / 1000);
    Q_EMIT retryInSecondsChanged(m_retryInSeconds);
    m_countdownTimer.start();
}

void Connection::sendPing()
{
    if (m_pongTimeout.isActive())
        return;
    request(PingRequest {});
    m_pongTimeout.start();
}

void Connection::stopTimers()
{
    m_reconnectTimer.stop();
    m_countdownTimer.stop();
    m_connectTimeout.stop();
    m_pingTimer.stop();
    m_pongTimeout.stop();
}

} // namespace palaver::client
