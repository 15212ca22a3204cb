#include "websocketlink.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QtEndian>

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
{
    connect(&m_socket, &QTcpSocket::connected, this, &WebSocketLink::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &WebSocketLink::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &WebSocketLink::finish);
    // A refused or failed connect never emits disconnected(), only an error.
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            finish();
    });
}

WebSocketLink::~WebSocketLink()
{
    // The socket's destructor aborts an open connection; nobody should hear about that.
    m_socket.disconnect(this);
}

void WebSocketLink::open(const QUrl& url, const QHostAddress& source)
{
    m_url = url;
    if (!source.isNull() && !m_socket.bind(source, 0)) {
        qWarning("palaver-bench: cannot bind %s: %s", qPrintable(source.toString()),
            qPrintable(m_socket.errorString()));
        m_closeCode = -1;
        // Reported from the event loop so callers see the same order as for a refused connect.
        QMetaObject::invokeMethod(this, &WebSocketLink::finish, Qt::QueuedConnection);
        return;
    }
    m_socket.connectToHost(url.host(), quint16(url.port(80)));
}

void WebSocketLink::onConnected()
{
    // Requests and pushes are small frames that must not wait for Nagle's algorithm.
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QByteArray nonce(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(nonce.data()), 4);
    m_key = nonce.toBase64();
    const QByteArray path = m_url.path(QUrl::FullyEncoded).toUtf8() +
        (m_url.hasQuery() ? '?' + m_url.query(QUrl::FullyEncoded).toUtf8() : QByteArray());
    m_socket.write("GET " + path + " HTTP/1.1\r\nHost: " + m_url.host().toUtf8() + ':' +
        QByteArray::number(m_url.port(80)) +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key +
        "\r\nSec-WebSocket-Version: 13\r\n\r\n");
}

void WebSocketLink::onReadyRead()
{
    m_buffer.append(m_socket.readAll());
    if (!m_upgraded && !readHandshake())
        return;
    readFrames();
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
        m_socket.abort();
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
            m_socket.abort();
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
        m_socket.disconnectFromHost();
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
    m_socket.write(frame);
}

void WebSocketLink::abort()
{
    m_finished = true;
    m_socket.disconnect(this);
    m_socket.abort();
}

void WebSocketLink::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT closed(m_upgraded ? m_closeCode : -1);
}
