#include "tests/support/httpexchange.h"

#include <QDeadlineTimer>
#include <QSslSocket>

namespace http {
namespace {
bool connectSocket(QSslSocket& socket, const QUrl& server, int timeoutMs)
{
    if (server.scheme() == u"wss") {
        socket.connectToHostEncrypted(server.host(), quint16(server.port()));
        return socket.waitForEncrypted(timeoutMs);
    }
    socket.connectToHost(server.host(), quint16(server.port()));
    return socket.waitForConnected(timeoutMs);
}

int statusOf(const QByteArray& in)
{
    if (!in.startsWith("HTTP/1.1 "))
        return 0;
    return in.mid(9, 3).toInt();
}
} // namespace

Reply exchange(const QUrl& server, const QByteArray& request, int timeoutMs)
{
    QSslSocket socket;
    Reply reply;
    if (!connectSocket(socket, server, timeoutMs))
        return reply;
    socket.write(request);
    QByteArray in;
    QDeadlineTimer deadline(timeoutMs);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            in += socket.readAll();
    }
    in += socket.readAll();
    reply.status = statusOf(in);
    const qsizetype end = in.indexOf("\r\n\r\n");
    reply.head = end < 0 ? in : in.left(end);
    reply.body = end < 0 ? QByteArray() : in.mid(end + 4);
    return reply;
}

Reply call(const QUrl& server, const QByteArray& method, const QByteArray& path)
{
    return exchange(server,
        method + ' ' + path + " HTTP/1.1\r\nHost: " + server.authority().toUtf8() + "\r\n\r\n");
}

QByteArray upgradeRequest(const QUrl& server, const QByteArray& extraHeaders)
{
    return "GET /v1 HTTP/1.1\r\nHost: " + server.authority().toUtf8() +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
        extraHeaders + "\r\n";
}

std::unique_ptr<QSslSocket> openUpgraded(
    const QUrl& server, int* status, const QByteArray& extraHeaders, int timeoutMs)
{
    auto socket = std::make_unique<QSslSocket>();
    *status = 0;
    if (!connectSocket(*socket, server, timeoutMs))
        return socket;
    socket->write(upgradeRequest(server, extraHeaders));
    QByteArray in;
    QDeadlineTimer deadline(timeoutMs);
    while (!in.contains("\r\n\r\n") && socket->waitForReadyRead(int(deadline.remainingTime())))
        in += socket->readAll();
    *status = statusOf(in);
    return socket;
}

} // namespace http
