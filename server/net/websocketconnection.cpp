#include "server/net/websocketconnection.h"

#include "server/net/httpcall.h"
#include "server/net/httprequesthead.h"
#include "server/net/tlschannel.h"
#include "server/net/tlscontext.h"
#include "server/net/writeflusher.h"

#include <QTimer>
#include <QtEndian>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace palaver::server {
namespace {
constexpr qsizetype kMaxHeadBytes = 8192;
// A peer that does not answer our close frame within this time is dropped.
constexpr int kCloseGraceMs = 2000;
// An answer sent before the request's body arrived (a 413 or 401 from the headers): HTTP
// clients (Qt's, curl) read it only once they have sent the whole body, and report a broken
// connection if the server half-closes first. So the rest is read and dropped, up to this much
// and for this long, before the server closes.
constexpr qint64 kDrainBytes = 256LL * 1024 * 1024;
constexpr int kDrainMs = 30'000;
constexpr quint16 kCloseNormal = 1000;
constexpr quint16 kCloseTooBig = 1009;
// The contract has one code for protocol violations, invalid UTF-8 included.
constexpr quint16 kCloseProtocol = 4400;
} // namespace

WebSocketConnection::WebSocketConnection(int fd, Limits limits, const TlsContext* tls,
    SocketPoller& poller, WriteFlusher& flusher, QObject* parent)
    : QObject(parent)
    , m_fd(fd)
    , m_limits(limits)
    , m_poller(poller)
    , m_flusher(flusher)
    , m_reader(limits.maxMessageBytes)
{
    if (tls) {
        if (ssl_st* ssl = tls->newSession(m_fd))
            m_tls = std::make_unique<TlsChannel>(ssl);
        else
            QTimer::singleShot(0, this, &WebSocketConnection::closeSocket);
    }
    fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    // Frames are written whole, once per pass: Nagle's algorithm would only hold pushes back
    // behind delayed ACKs.
    const int one = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_storage peer {};
    socklen_t length = sizeof peer;
    if (getpeername(m_fd, reinterpret_cast<sockaddr*>(&peer), &length) == 0) {
        m_peerAddress.setAddress(reinterpret_cast<const sockaddr*>(&peer));
        // On a dual-stack socket an IPv4 peer arrives as ::ffff:a.b.c.d: told apart once here,
        // so limits, subnets and the audit log all see a.b.c.d.
        bool isV4 = false;
        if (const quint32 v4 = m_peerAddress.toIPv4Address(&isV4); isV4)
            m_peerAddress.setAddress(v4);
        m_peerPort = ntohs(peer.ss_family == AF_INET6
                ? reinterpret_cast<const sockaddr_in6*>(&peer)->sin6_port
                : reinterpret_cast<const sockaddr_in*>(&peer)->sin_port);
    }
    if (!m_poller.add(m_fd, this)) {
        // Reported as a disconnect once the owner is listening.
        QTimer::singleShot(0, this, &WebSocketConnection::closeSocket);
    }
}

WebSocketConnection::~WebSocketConnection()
{
    if (m_flushScheduled)
        m_flusher.forget(this);
    if (m_fd >= 0) {
        m_poller.remove(m_fd);
        ::close(m_fd);
    }
}

void WebSocketConnection::sendFrame(const QByteArray& wireFrame)
{
    if (m_state == State::Open)
        enqueue(wireFrame);
}

void WebSocketConnection::ping()
{
    if (m_state == State::Open)
        enqueue(ws::encodeFrame(WsOpcode::Ping, {}));
}

void WebSocketConnection::enqueue(const QByteArray& bytes)
{
    m_pendingBytes += bytes.size();
    if (m_limits.maxSendQueueBytes > 0 && m_pendingBytes > m_limits.maxSendQueueBytes &&
        m_state == State::Open) {
        // The peer is not reading: holding more would let one client grow the server without
        // bound. It is dropped (no close frame: it would wait behind the queue) later in this
        // pass, never while a fanout is walking the sessions. Resuming catches it up.
        m_state = State::Closing;
        m_queued.clear();
        m_unsent.clear();
        m_unsentOffset = 0;
        m_pendingBytes = 0;
        Q_EMIT sendQueueOverflowed();
        QTimer::singleShot(0, this, &WebSocketConnection::closeSocket);
        return;
    }
    m_queued.append(bytes);
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        m_flusher.schedule(this);
    }
}

void WebSocketConnection::flush()
{
    m_flushScheduled = false;
    if (m_queued.isEmpty())
        return;
    m_unsent.append(std::move(m_queued));
    m_queued.clear();
    if (!m_writeInterest) // otherwise the kernel is full; EPOLLOUT will tell us
        writeUnsent();
}

void WebSocketConnection::closeAfterWriting()
{
    m_closeAfterWriting = true;
    flush();
    if (m_unsent.isEmpty())
        m_state == State::Http ? lingerThenClose() : closeSocket();
}

void WebSocketConnection::close(quint16 code, const QString& reason)
{
    // An HTTP call is not a WebSocket: the auth deadline and shutdown's 1001 do not end it;
    // its idle timer and its answer do.
    if (m_state == State::Http)
        return;
    if (m_state == State::Handshaking)
        return abort();
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    enqueue(ws::encodeClose(code, reason));
    flush();
    QTimer::singleShot(kCloseGraceMs, this, [this] {
        if (m_state == State::Closing)
            abort();
    });
}

void WebSocketConnection::abort()
{
    closeSocket();
}

void WebSocketConnection::closeSocket()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    if (m_fd >= 0) {
        if (m_tls)
            m_tls->shutdown();
        m_poller.remove(m_fd);
        ::close(m_fd);
        m_fd = -1;
    }
    m_queued.clear();
    m_unsent.clear();
    m_pendingBytes = 0;
    Q_EMIT disconnected();
}

void WebSocketConnection::onBytes(const char* data, qsizetype size)
{
    if (m_state == State::Handshaking) {
        m_head.append(data, size);
        if (!readHandshake())
            return;
    } else if (m_state == State::Http) {
        if (m_call)
            m_call->feed(data, size);
        if (m_draining && m_call && m_call->unreadBody() == 0) {
            m_draining = false;
            lingerThenClose();
        }
        return;
    } else if (m_state == State::Open || m_state == State::Closing) {
        m_reader.feed(QByteArray(data, size));
    } else {
        return;
    }
    readFrames();
}

bool WebSocketConnection::readHandshake()
{
    const qsizetype end = m_head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_head.size() > kMaxHeadBytes)
            respondAndClose(HttpResponse::plain("431 Request Header Fields Too Large", {}));
        return false;
    }
    const std::optional<HttpRequestHead> head = HttpRequestHead::parse(m_head.left(end));
    // Frames (or an HTTP body) may follow the head in the same read.
    const QByteArray rest = m_head.mid(end + 4);
    m_head = QByteArray();
    if (!head) {
        respondAndClose(HttpResponse::plain("400 Bad Request", "not an HTTP/1.1 request\n"));
        return false;
    }
    if (m_refusal) {
        respondAndClose(*m_refusal, head->method != "HEAD");
        return false;
    }
    const RequestDecision decision =
        m_onRequest ? (*m_onRequest)(*head, m_peerAddress) : RequestDecision {true, {}};
    if (decision.defer) {
        m_state = State::Http;
        m_call = new HttpCall(*this, *head, m_peerAddress);
        if (!rest.isEmpty())
            m_call->feed(rest.constData(), rest.size());
        decision.defer(*m_call);
        return false;
    }
    if (!decision.upgrade) {
        respondAndClose(decision.response, head->method != "HEAD");
        return false;
    }
    m_reader.feed(rest);
    return upgrade(*head);
}

bool WebSocketConnection::upgrade(const HttpRequestHead& head)
{
    static const QByteArray hint = "palaver-server speaks WebSocket at /v1\n";
    const QByteArray key = head.header("sec-websocket-key");
    if (head.method != "GET" || !head.headerHasToken("upgrade", "websocket") ||
        !head.headerHasToken("connection", "upgrade") || QByteArray::fromBase64(key).size() != 16) {
        respondAndClose(HttpResponse::plain("400 Bad Request", hint));
        return false;
    }
    if (head.header("sec-websocket-version") != "13") {
        respondAndClose(
            HttpResponse::plain("426 Upgrade Required", hint, "Sec-WebSocket-Version: 13\r\n"));
        return false;
    }
    enqueue("HTTP/1.1 101 Switching Protocols\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            "Server: palaver-server/" PALAVER_VERSION "\r\n"
            "Sec-WebSocket-Accept: " +
        ws::acceptKey(key) + "\r\n\r\n");
    m_path = head.path();
    m_state = State::Open;
    Q_EMIT opened();
    return m_state == State::Open;
}

void WebSocketConnection::refuseWith(HttpResponse response)
{
    m_refusal = std::make_unique<HttpResponse>(std::move(response));
}

void WebSocketConnection::respondAndClose(const HttpResponse& response, bool includeBody)
{
    m_state = State::Closing;
    enqueue(response.serialize(includeBody));
    closeAfterWriting();
}

void WebSocketConnection::sendHttpBytes(const QByteArray& bytes)
{
    if (m_state == State::Http) {
        enqueue(bytes);
        flush();
    }
}

void WebSocketConnection::sendHttpAnswer(const QByteArray& head, const QByteArray& body)
{
    if (m_state != State::Http)
        return;
    // Head and body are queued apart: a 25 MiB body is written from its own buffer, in as
    // many passes as the peer needs (EPOLLOUT), never copied into one message.
    enqueue(head);
    if (!body.isEmpty())
        enqueue(body);
    closeAfterWriting();
}

void WebSocketConnection::lingerThenClose()
{
    if (m_lingering || m_fd < 0 || m_draining)
        return;
    const qint64 unread = m_call ? m_call->unreadBody() : 0;
    if (unread > 0 && unread <= kDrainBytes) {
        m_draining = true;
        QTimer::singleShot(kDrainMs, this, &WebSocketConnection::closeSocket);
        return;
    }
    m_lingering = true;
    if (m_tls)
        m_tls->shutdown();
    ::shutdown(m_fd, SHUT_WR);
    QTimer::singleShot(kCloseGraceMs, this, &WebSocketConnection::closeSocket);
}

void WebSocketConnection::readFrames()
{
    while (m_state == State::Open || m_state == State::Closing) {
        std::optional<WsMessage> message = m_reader.next();
        if (!message)
            break;
        switch (message->opcode) {
        case WsOpcode::Text:
            if (m_state == State::Open)
                Q_EMIT textReceived(message->payload);
            break;
        case WsOpcode::Binary:
            if (m_state == State::Open)
                Q_EMIT binaryReceived();
            break;
        case WsOpcode::Ping:
            if (m_state == State::Open)
                enqueue(ws::encodeFrame(WsOpcode::Pong, message->payload));
            break;
        case WsOpcode::Pong:
            Q_EMIT pongReceived();
            break;
        case WsOpcode::Close:
            onPeerClose(message->payload);
            return;
        case WsOpcode::Continuation:
            break; // never returned by the reader
        }
    }
    if (m_state != State::Open)
        return;
    switch (m_reader.error()) {
    case WsReadError::None:
        break;
    case WsReadError::TooBig:
        close(kCloseTooBig, QStringLiteral("message over the size limit"));
        break;
    case WsReadError::InvalidUtf8:
        close(kCloseProtocol, QStringLiteral("text frame is not valid UTF-8"));
        break;
    case WsReadError::Protocol:
        close(kCloseProtocol, QStringLiteral("malformed WebSocket frame"));
        break;
    }
}

void WebSocketConnection::onPeerClose(const QByteArray& payload)
{
    if (m_state == State::Open) {
        // Echo the peer's code (RFC 6455 5.5.1); an empty close is answered with 1000.
        const quint16 code =
            payload.size() >= 2 ? qFromBigEndian<quint16>(payload.constData()) : kCloseNormal;
        m_queued.append(ws::encodeClose(code, {}));
    }
    m_state = State::Closing;
    // The server ends the TCP connection first (RFC 6455 7.1.1), after the queued bytes.
    closeAfterWriting();
}

} // namespace palaver::server
