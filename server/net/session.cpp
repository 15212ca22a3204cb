#include "server/net/session.h"

#include "server/logging.h"
#include "server/metrics/servermetrics.h"
#include "server/net/websocketconnection.h"

namespace palaver::server {

Session::Session(
    WebSocketConnection* socket, quint64 number, ServerMetrics& metrics, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_metrics(metrics)
    , m_number(number)
{
    m_socket->setParent(this);
    connect(m_socket, &WebSocketConnection::textReceived, this, [this](const QByteArray& text) {
        ServerMetrics::add(m_metrics.framesIn);
        if (m_state != State::Closing)
            Q_EMIT frameReceived(this, text);
    });
    connect(m_socket, &WebSocketConnection::binaryReceived, this, [this] {
        close(CloseCode::ProtocolViolation, QStringLiteral("binary frames are not allowed"));
    });
    connect(m_socket, &WebSocketConnection::pongReceived, this, [this] { m_missedPongs = 0; });
    connect(
        m_socket, &WebSocketConnection::disconnected, this, [this] { Q_EMIT disconnected(this); });
}

Session::~Session() = default;

void Session::authenticate(qint64 userId, const QByteArray& tokenHash)
{
    m_userId = userId;
    m_tokenHash = tokenHash;
    m_state = State::Authenticated;
}

void Session::send(const QByteArray& frame)
{
    if (m_state == State::Closing)
        return;
    ServerMetrics::add(m_metrics.framesOut);
    m_socket->sendText(frame);
}

void Session::sendWireFrame(const QByteArray& wireFrame)
{
    if (m_state == State::Closing)
        return;
    ServerMetrics::add(m_metrics.framesOut);
    m_socket->sendFrame(wireFrame);
}

void Session::answerError(const QJsonValue& re, ErrorCode code, const QString& message,
    std::optional<qint64> retryAfterMs)
{
    answer(re, ErrorAnswer {code, message, retryAfterMs});
}

void Session::answerError(const QJsonValue& re, const ProtocolError& error)
{
    answerError(re, error.code, error.message);
}

void Session::close(CloseCode code, const QString& reason)
{
    if (m_state == State::Closing)
        return;
    qCDebug(lcSession) << peerDescription() << "closing with" << quint16(code) << reason;
    m_state = State::Closing;
    m_socket->close(quint16(code), reason);
}

void Session::abort()
{
    m_state = State::Closing;
    m_socket->abort();
}

void Session::ping()
{
    // A plain HTTP call (a file transfer) has no pongs to give; its idle timer watches it.
    if (m_socket->state() == WebSocketConnection::State::Http)
        return;
    ++m_missedPongs;
    m_socket->ping();
}

bool Session::noteRateLimited(qint64 now, int threshold, qint64 windowMs)
{
    if (now - m_floodWindowStart > windowMs) {
        m_floodWindowStart = now;
        m_floodCount = 0;
    }
    return ++m_floodCount > threshold;
}

QString Session::peerDescription() const
{
    return QStringLiteral("#%1 %2:%3 user %4")
        .arg(m_number)
        .arg(m_socket->peerAddress().toString())
        .arg(m_socket->peerPort())
        .arg(m_userId);
}

} // namespace palaver::server

namespace palaver::server {
QByteArray Session::requestPath() const
{
    return m_socket->requestPath();
}

QHostAddress Session::peerAddress() const
{
    return m_socket->peerAddress();
}
} // namespace palaver::server
