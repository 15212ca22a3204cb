#include "websocketlink.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QtEndian>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
constexpr int kText = 0x1;
constexpr int kContinuation = 0x0;
constexpr int kClose = 0x8;
constexpr int kPing = 0x9;
constexpr int kPong = 0xA;
constexpr int kNoStatus = 1005;
const QByteArray kAcceptGuid = QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
} // namespace

WebSocketLink::WebSocketLink(QObject* parent)
    : QObject(parent)
{ }

WebSocketLink::~WebSocketLink()
{
    // Nobody should hear about a link that goes away with its owner.
    m_finished = true;
    closeSocket();
}

palaver::server::SocketPoller& WebSocketLink::poller()
{
    static palaver::server::SocketPoller instance; // one event loop thread per process
    return instance;
}

void WebSocketLink::open(const QUrl& url, const QHostAddress& source)
{
    m_url = url;
    const QHostAddress server(
        url.host() == u"localhost" ? QStringLiteral("127.0.0.1") : url.host());
    const bool v6 = server.protocol() == QAbstractSocket::IPv6Protocol;
    sockaddr_storage to {};
    socklen_t toLength = 0;
    const quint16 port = quint16(url.port(80));
    if (v6) {
        auto* a = reinterpret_cast<sockaddr_in6*>(&to);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = server.toIPv6Address();
        memcpy(&a->sin6_addr, &bytes, 16);
        toLength = sizeof(sockaddr_in6);
    } else {
        auto* a = reinterpret_cast<sockaddr_in*>(&to);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(server.toIPv4Address());
        toLength = sizeof(sockaddr_in);
    }
    m_fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    bool ok = m_fd >= 0 && !server.isNull();
    if (ok && !source.isNull()) {
        sockaddr_in from {};
        from.sin_family = AF_INET;
        from.sin_addr.s_addr = htonl(source.toIPv4Address());
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
            qWarning("palaver-bench: cannot bind %s: %s", qPrintable(source.toString()),
                strerror(errno));
            ok = false;
        }
    }
    if (ok) {
        const int one = 1; // requests are small frames that must not wait for Nagle
        setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ok = (::connect(m_fd, reinterpret_cast<sockaddr*>(&to), toLength) == 0 ||
                 errno == EINPROGRESS) &&
            poller().add(m_fd, this);
    }
    if (!ok) {
        m_closeCode = -1;
        // Reported from the event loop so callers see the same order as for a refused connect.
        QMetaObject::invokeMethod(this, &WebSocketLink::finish, Qt::QueuedConnection);
        return;
    }
    m_connecting = true;
    poller().setWriteInterest(m_fd, this, true); // writable = connected (or failed)
}

void WebSocketLink::onWritable()
{
    if (m_connecting) {
        int error = 0;
        socklen_t length = sizeof error;
        getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
        m_connecting = false;
        if (error != 0) {
            closeSocket();
            return finish();
        }
        onConnected();
    }
    write({});
}

void WebSocketLink::onConnected()
{
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(nonce.data()), 4);
    m_key = nonce.toBase64();
    const QByteArray path = m_url.path(QUrl::FullyEncoded).toUtf8() +
        (m_url.hasQuery() ? '?' + m_url.query(QUrl::FullyEncoded).toUtf8() : QByteArray());
    write("GET " + path + " HTTP/1.1\r\nHost: " + m_url.host().toUtf8() + ':' +
        QByteArray::number(m_url.port(80)) +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key +
        "\r\nSec-WebSocket-Version: 13\r\n\r\n");
}

void WebSocketLink::write(const QByteArray& bytes)
{
    if (m_fd < 0)
        return;
    const bool first = m_out.isEmpty();
    m_out.append(bytes);
    if (m_connecting || m_flushPosted)
        return; // sent once connected, or by the flush already posted
    if (first && !bytes.isEmpty()) {
        // Frames sent in one pass (a scenario's in-flight window) leave in one system call.
        m_flushPosted = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_flushPosted = false;
                write({});
            },
            Qt::QueuedConnection);
        return;
    }
    while (!m_out.isEmpty()) {
        const ssize_t sent =
            ::send(m_fd, m_out.constData(), size_t(m_out.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (sent < 0) {
            closeSocket();
            return finish();
        }
        m_out.remove(0, sent);
    }
    poller().setWriteInterest(m_fd, this, !m_out.isEmpty());
    if (m_out.isEmpty() && m_closeAfterWrite) {
        closeSocket();
        finish();
    }
}

void WebSocketLink::onReadable()
{
    static char chunk[64 * 1024];
    for (int i = 0; i < 4 && m_fd >= 0; ++i) {
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (got > 0) {
            m_buffer.append(chunk, got);
            if (!m_upgraded && !readHandshake())
                return;
            readFrames();
            if (got < qsizetype(sizeof chunk))
                return;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (m_connecting)
            return; // reported through onWritable
        closeSocket();
        return finish();
    }
}

void WebSocketLink::closeSocket()
{
    if (m_fd < 0)
        return;
    poller().remove(m_fd);
    ::close(m_fd);
    m_fd = -1;
}

bool WebSocketLink::readHandshake()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    m_buffer.remove(0, end + 4);
    const QByteArray expected =
        QCryptographicHash::hash(QByteArray(m_key + kAcceptGuid), QCryptographicHash::Sha1)
            .toBase64();
    bool accepted = false;
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "sec-websocket-accept")
            accepted = line.mid(colon + 1).trimmed() == expected;
    }
    if (!lines.value(0).startsWith("HTTP/1.1 101") || !accepted) {
        qWarning("palaver-bench: handshake rejected: %s", lines.value(0).trimmed().constData());
        m_closeCode = -1;
        closeSocket();
        finish();
        return false;
    }
    m_upgraded = true;
    Q_EMIT opened();
    return !m_finished;
}

void WebSocketLink::readFrames()
{
    qsizetype pos = 0;
    while (!m_finished) {
        const qsizetype available = m_buffer.size() - pos;
        if (available < 2)
            break;
        const auto* head = reinterpret_cast<const uchar*>(m_buffer.constData() + pos);
        quint64 length = head[1] & 0x7F;
        qsizetype headerSize = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = qFromBigEndian<quint16>(head + 2);
            headerSize = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = qFromBigEndian<quint64>(head + 2);
            headerSize = 10;
        }
        if ((head[1] & 0x80) != 0) {
            // RFC 6455 §5.1: a client must fail the connection on a masked server frame.
            qWarning("palaver-bench: the server sent a masked frame");
            closeSocket();
            finish();
            return;
        }
        if (quint64(available - headerSize) < length)
            break;
        const int opcode = head[0] & 0x0F;
        const bool fin = (head[0] & 0x80) != 0;
        onFrame(opcode, fin, m_buffer.mid(pos + headerSize, qsizetype(length)));
        pos += headerSize + qsizetype(length);
    }
    m_buffer.remove(0, pos);
}

void WebSocketLink::onFrame(int opcode, bool fin, QByteArray payload)
{
    switch (opcode) {
    case kContinuation:
        m_fragments.append(payload);
        if (fin)
            Q_EMIT textReceived(std::exchange(m_fragments, {}));
        return;
    case kClose:
        m_closeCode = payload.size() >= 2
            ? qFromBigEndian<quint16>(reinterpret_cast<const uchar*>(payload.constData()))
            : kNoStatus;
        if (!m_closeSent)
            sendFrame(kClose, payload.left(2));
        m_closeSent = true;
        m_closeAfterWrite = true;
        write({});
        return;
    case kPing:
        sendFrame(kPong, payload);
        return;
    case kPong:
        return;
    default: // text, and binary (which the server never sends) treated alike
        if (fin)
            Q_EMIT textReceived(payload);
        else
            m_fragments = payload;
    }
}

void WebSocketLink::sendText(const QByteArray& utf8)
{
    sendFrame(kText, utf8);
}

void WebSocketLink::sendFrame(int opcode, const QByteArray& payload)
{
    const qsizetype length = payload.size();
    QByteArray frame;
    frame.reserve(length + 14);
    frame.append(char(0x80 | opcode));
    if (length < 126) {
        frame.append(char(0x80 | length));
    } else if (length <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        frame.append(char(length >> 8)).append(char(length & 0xFF));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(length) >> shift) & 0xFF));
    }
    // Clients must mask (RFC 6455 §5.3); the key need not be strong for a load generator, but
    // it is random so that the server's unmasking does real work, as with any client.
    const quint32 key = QRandomGenerator::global()->generate();
    const char mask[4] = {char(key >> 24), char(key >> 16), char(key >> 8), char(key)};
    frame.append(mask, 4);
    const qsizetype start = frame.size();
    frame.append(payload);
    char* data = frame.data() + start;
    for (qsizetype i = 0; i < length; ++i)
        data[i] = char(data[i] ^ mask[i & 3]);
    write(frame);
}

void WebSocketLink::abort()
{
    m_finished = true;
    closeSocket();
}

void WebSocketLink::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT closed(m_upgraded ? m_closeCode : -1);
}
