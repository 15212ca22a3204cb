#include "server/net/websocketconnection.h"

#include "server/net/httprequesthead.h"
#include "server/net/writeflusher.h"

#include <QTimer>
#include <QtEndian>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace palaver::server {
namespace {
constexpr qsizetype kMaxHeadBytes = 8192;
// A peer that does not answer our close frame within this time is dropped.
constexpr int kCloseGraceMs = 2000;
constexpr quint16 kCloseNormal = 1000;
constexpr quint16 kCloseTooBig = 1009;
// The contract has one code for protocol violations, invalid UTF-8 included.
constexpr quint16 kCloseProtocol = 4400;
// Read at most this much from one socket per pass, so one busy peer cannot starve the rest
// (the poller is level-triggered: the rest is read on the next pass).
constexpr int kReadsPerPass = 4;
constexpr qsizetype kReadChunk = 64 * 1024;
constexpr qsizetype kMaxIov = 64;
} // namespace

WebSocketConnection::WebSocketConnection(
    int fd, qint64 maxMessageBytes, SocketPoller& poller, WriteFlusher& flusher, QObject* parent)
    : QObject(parent)
    , m_fd(fd)
    , m_poller(poller)
    , m_flusher(flusher)
    , m_reader(maxMessageBytes)
{
    fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    // Frames are written whole, once per pass: Nagle's algorithm would only hold pushes back
    // behind delayed ACKs.
    const int one = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_storage peer {};
    socklen_t length = sizeof peer;
    if (getpeername(m_fd, reinterpret_cast<sockaddr*>(&peer), &length) == 0) {
        m_peerAddress.setAddress(reinterpret_cast<const sockaddr*>(&peer));
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

void WebSocketConnection::writeUnsent()
{
    while (m_fd >= 0 && !m_unsent.isEmpty()) {
        iovec iov[kMaxIov];
        const qsizetype count = std::min(kMaxIov, m_unsent.size());
        for (qsizetype i = 0; i < count; ++i) {
            const QByteArray& frame = m_unsent.at(i);
            const qsizetype skip = i == 0 ? m_unsentOffset : 0;
            iov[i].iov_base = const_cast<char*>(frame.constData() + skip);
            iov[i].iov_len = size_t(frame.size() - skip);
        }
        msghdr message {};
        message.msg_iov = iov;
        message.msg_iovlen = size_t(count);
        // MSG_NOSIGNAL: a peer that is gone must not raise SIGPIPE in the server.
        const ssize_t sent = ::sendmsg(m_fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return closeSocket(); // EPIPE, ECONNRESET: the peer is gone
        }
        qsizetype left = sent;
        while (left > 0) {
            const qsizetype rest = m_unsent.first().size() - m_unsentOffset;
            if (left < rest) {
                m_unsentOffset += left;
                break;
            }
            left -= rest;
            m_unsent.removeFirst();
            m_unsentOffset = 0;
        }
    }
    if (m_fd < 0)
        return;
    const bool pending = !m_unsent.isEmpty();
    if (pending != m_writeInterest) {
        m_writeInterest = pending;
        m_poller.setWriteInterest(m_fd, this, pending);
    }
    if (!pending && m_closeAfterWriting)
        closeSocket();
}

void WebSocketConnection::onWritable()
{
    writeUnsent();
}

void WebSocketConnection::closeAfterWriting()
{
    m_closeAfterWriting = true;
    flush();
    if (m_unsent.isEmpty())
        closeSocket();
}

void WebSocketConnection::close(quint16 code, const QString& reason)
{
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
        m_poller.remove(m_fd);
        ::close(m_fd);
        m_fd = -1;
    }
    m_queued.clear();
    m_unsent.clear();
    Q_EMIT disconnected();
}

void WebSocketConnection::onReadable()
{
    static char buffer[kReadChunk]; // one event loop thread: one buffer for every connection
    for (int i = 0; i < kReadsPerPass && m_fd >= 0; ++i) {
        const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (got > 0) {
            onBytes(buffer, got);
            if (got < kReadChunk)
                return;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        return closeSocket(); // 0: the peer closed; anything else: the connection broke
    }
}

void WebSocketConnection::onBytes(const char* data, qsizetype size)
{
    if (m_state == State::Handshaking) {
        m_head.append(data, size);
        if (!readHandshake())
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
            refuseHandshake("431 Request Header Fields Too Large");
        return false;
    }
    const std::optional<HttpRequestHead> head = HttpRequestHead::parse(m_head.left(end));
    // Frames may follow the head in the same read.
    m_reader.feed(m_head.mid(end + 4));
    m_head = QByteArray();
    if (!head || head->method != "GET") {
        refuseHandshake("400 Bad Request");
        return false;
    }
    const QByteArray key = head->header("sec-websocket-key");
    if (!head->headerHasToken("upgrade", "websocket") ||
        !head->headerHasToken("connection", "upgrade") ||
        QByteArray::fromBase64(key).size() != 16) {
        refuseHandshake("400 Bad Request");
        return false;
    }
    if (head->header("sec-websocket-version") != "13") {
        refuseHandshake("426 Upgrade Required", "Sec-WebSocket-Version: 13\r\n");
        return false;
    }
    enqueue("HTTP/1.1 101 Switching Protocols\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            "Server: palaver-server/" PALAVER_VERSION "\r\n"
            "Sec-WebSocket-Accept: " +
        ws::acceptKey(key) + "\r\n\r\n");
    m_path = head->path();
    m_state = State::Open;
    Q_EMIT opened();
    return m_state == State::Open;
}

void WebSocketConnection::refuseHandshake(const QByteArray& status, const QByteArray& extraHeaders)
{
    static const QByteArray body = "palaver-server speaks WebSocket at /v1\n";
    m_state = State::Closing;
    enqueue("HTTP/1.1 " + status +
        "\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body);
    closeAfterWriting();
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
