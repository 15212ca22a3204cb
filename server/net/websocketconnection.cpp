#include "server/net/websocketconnection.h"

#include "server/net/httprequesthead.h"
#include "server/net/writeflusher.h"

#include <QTcpSocket>
#include <QTimer>
#include <QtEndian>
#include <cerrno>
#if defined(Q_OS_LINUX)
#include <sys/socket.h>
#include <sys/uio.h>
#endif

namespace palaver::server {
namespace {
constexpr qsizetype kMaxHeadBytes = 8192;
// A peer that does not answer our close frame within this time is dropped.
constexpr int kCloseGraceMs = 2000;
constexpr quint16 kCloseNormal = 1000;
constexpr quint16 kCloseTooBig = 1009;
// The contract has one code for protocol violations, invalid UTF-8 included.
constexpr quint16 kCloseProtocol = 4400;
} // namespace

WebSocketConnection::WebSocketConnection(
    QTcpSocket* socket, qint64 maxMessageBytes, WriteFlusher& flusher, QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_flusher(flusher)
    , m_reader(maxMessageBytes)
{
    m_socket->setParent(this);
    // Frames are written whole and Qt flushes once per event-loop pass, so Nagle's algorithm
    // would only hold pushes back behind delayed ACKs.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &WebSocketConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &WebSocketConnection::onDisconnected);
}

WebSocketConnection::~WebSocketConnection()
{
    if (m_flushScheduled)
        m_flusher.forget(this);
}

QHostAddress WebSocketConnection::peerAddress() const
{
    return m_socket->peerAddress();
}

quint16 WebSocketConnection::peerPort() const
{
    return m_socket->peerPort();
}

qint64 WebSocketConnection::bytesToWrite() const
{
    return m_socket->bytesToWrite();
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
    if (m_state == State::Closed) {
        m_queued.clear();
        return;
    }
    // Straight to the kernel while Qt's own buffer is empty (it then holds nothing that must
    // go first); whatever the kernel does not take waits in that buffer, in order.
    qsizetype written = m_socket->bytesToWrite() == 0 ? writeDirectly() : 0;
    for (const QByteArray& frame : std::as_const(m_queued)) {
        if (written >= frame.size()) {
            written -= frame.size();
            continue;
        }
        m_socket->write(written == 0 ? frame : frame.mid(written));
        written = 0;
    }
    m_queued.clear();
}

qsizetype WebSocketConnection::writeDirectly()
{
#if defined(Q_OS_LINUX)
    const qintptr fd = m_socket->socketDescriptor();
    if (fd < 0)
        return 0;
    constexpr qsizetype kMaxIov = 64;
    iovec iov[kMaxIov];
    qsizetype total = 0;
    for (qsizetype first = 0; first < m_queued.size(); first += kMaxIov) {
        const qsizetype count = std::min(kMaxIov, m_queued.size() - first);
        qsizetype batchBytes = 0;
        for (qsizetype i = 0; i < count; ++i) {
            const QByteArray& frame = m_queued.at(first + i);
            iov[i].iov_base = const_cast<char*>(frame.constData());
            iov[i].iov_len = size_t(frame.size());
            batchBytes += frame.size();
        }
        msghdr message {};
        message.msg_iov = iov;
        message.msg_iovlen = size_t(count);
        ssize_t sent;
        do {
            // MSG_NOSIGNAL: a peer that is gone must not raise SIGPIPE in the server.
            sent = ::sendmsg(int(fd), &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (sent < 0 && errno == EINTR);
        if (sent < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return total; // the rest waits in Qt's buffer for the socket to drain
            // The peer is gone (EPIPE, ECONNRESET): drop the bytes; the read side reports
            // the disconnect.
            m_queued.clear();
            return 0;
        }
        total += sent;
        if (sent < batchBytes)
            return total;
    }
    return total;
#else
    return 0;
#endif
}

void WebSocketConnection::close(quint16 code, const QString& reason)
{
    if (m_state == State::Handshaking)
        return abort();
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    m_queued.append(ws::encodeClose(code, reason));
    flush();
    QTimer::singleShot(kCloseGraceMs, this, [this] {
        if (m_state == State::Closing)
            abort();
    });
}

void WebSocketConnection::abort()
{
    if (m_state == State::Closed)
        return;
    m_queued.clear();
    m_socket->abort();
    onDisconnected(); // abort() on a socket that is not connected emits nothing
}

void WebSocketConnection::onReadyRead()
{
    if (m_state == State::Handshaking) {
        if (!readHandshake())
            return;
    } else if (m_state == State::Closed) {
        m_socket->readAll();
        return;
    } else {
        m_reader.feed(m_socket->readAll());
    }
    readFrames();
}

bool WebSocketConnection::readHandshake()
{
    m_head.append(m_socket->readAll());
    const qsizetype end = m_head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_head.size() > kMaxHeadBytes)
            refuseHandshake("431 Request Header Fields Too Large");
        return false;
    }
    const std::optional<HttpRequestHead> head = HttpRequestHead::parse(m_head.left(end));
    // Frames may follow the head in the same read.
    m_reader.feed(m_head.mid(end + 4));
    m_head.clear();
    m_head.squeeze();
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
    m_socket->write("HTTP/1.1 " + status +
        "\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size()) +
        "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body);
    m_socket->disconnectFromHost();
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
    flush();
    // The server ends the TCP connection first (RFC 6455 7.1.1), after the queued bytes.
    m_socket->disconnectFromHost();
}

void WebSocketConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    Q_EMIT disconnected();
}

} // namespace palaver::server
