#include "tests/support/rawwebsocket.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <QtDebug>
#include <QtEndian>

namespace rawws {

bool upgrade(QTcpSocket& socket, const QUrl& url, QByteArray& in, int timeoutMs)
{
    if (url.scheme() == u"wss") {
        // The suite's wss run (PALAVER_TEST_TLS=1): the caller's socket must be a QSslSocket.
        auto* tls = qobject_cast<QSslSocket*>(&socket);
        if (!tls) {
            qWarning() << "rawws::upgrade: a wss:// URL needs a QSslSocket";
            return false;
        }
        tls->connectToHostEncrypted(url.host(), quint16(url.port()));
        if (!tls->waitForEncrypted(timeoutMs)) {
            qWarning() << "rawws::upgrade: TLS handshake failed:" << tls->errorString();
            return false;
        }
    } else {
        socket.connectToHost(url.host(), quint16(url.port()));
        if (!socket.waitForConnected(timeoutMs))
            return false;
    }
    socket.write("GET /v1 HTTP/1.1\r\nHost: " + url.authority().toUtf8() +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QDeadlineTimer deadline(timeoutMs);
    while (!in.contains("\r\n\r\n") && socket.waitForReadyRead(int(deadline.remainingTime())))
        in += socket.readAll();
    if (!in.startsWith("HTTP/1.1 101"))
        return false;
    in.remove(0, in.indexOf("\r\n\r\n") + 4);
    return true;
}

QByteArray maskedText(const QByteArray& payload)
{
    Q_ASSERT(payload.size() <= 0xFFFF);
    QByteArray frame {"\x81"};
    const qsizetype n = payload.size();
    if (n < 126) {
        frame.append(char(0x80 | n));
    } else {
        frame.append(char(0x80 | 126));
        char length[2];
        qToBigEndian<quint16>(quint16(n), length);
        frame.append(length, 2);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < n; ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    return frame;
}

QList<Frame> takeFrames(QByteArray& in)
{
    QList<Frame> frames;
    while (in.size() >= 2) {
        const auto* p = reinterpret_cast<const uchar*>(in.constData());
        qsizetype length = p[1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (in.size() < 4)
                break;
            length = qFromBigEndian<quint16>(p + 2);
            header = 4;
        } else if (length == 127) {
            if (in.size() < 10)
                break;
            length = qsizetype(qFromBigEndian<quint64>(p + 2));
            header = 10;
        }
        if (in.size() < header + length)
            break;
        frames.append(Frame {p[0] & 0x0f, in.mid(header, length)});
        in.remove(0, header + length);
    }
    return frames;
}

} // namespace rawws
