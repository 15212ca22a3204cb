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

// Reads until the server closes (or the timeout), after `in` that came already.
Reply readReply(QSslSocket& socket, QByteArray in, int timeoutMs)
{
    Reply reply;
    QDeadlineTimer deadline(timeoutMs);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            in += socket.readAll();
    }
    in += socket.readAll();
    // An interim 100 Continue is not the answer.
    static const QByteArray interim = "HTTP/1.1 100 Continue\r\n\r\n";
    if (in.startsWith(interim)) {
        reply.continued = true;
        in = in.mid(interim.size());
    }
    reply.status = statusOf(in);
    const qsizetype end = in.indexOf("\r\n\r\n");
    reply.head = end < 0 ? in : in.left(end);
    reply.body = end < 0 ? QByteArray() : in.mid(end + 4);
    return reply;
}
} // namespace

Reply exchange(const QUrl& server, const QByteArray& request, int timeoutMs)
{
    QSslSocket socket;
    if (!connectSocket(socket, server, timeoutMs))
        return {};
    socket.write(request);
    return readReply(socket, {}, timeoutMs);
}

Reply postAfterContinue(const QUrl& server, const QByteArray& path, const QByteArray& extraHeaders,
    const QByteArray& body, int timeoutMs)
{
    QSslSocket socket;
    if (!connectSocket(socket, server, timeoutMs))
        return {};
    socket.write("POST " + path + " HTTP/1.1\r\nHost: " + server.authority().toUtf8() + "\r\n" +
        extraHeaders +
        "Expect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
    QByteArray in;
    QDeadlineTimer deadline(timeoutMs);
    while (!in.contains("\r\n\r\n") &&
        socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
        in += socket.readAll();
    if (!in.startsWith("HTTP/1.1 100 "))
        return readReply(socket, in, timeoutMs); // refused before the body
    socket.write(body);
    return readReply(socket, in, timeoutMs);
}

Reply call(const QUrl& server, const QByteArray& method, const QByteArray& path)
{
    return exchange(server,
        method + ' ' + path + " HTTP/1.1\r\nHost: " + server.authority().toUtf8() + "\r\n\r\n");
}

Reply call(const QUrl& server, const QByteArray& method, const QByteArray& path,
    const QByteArray& extraHeaders, const QByteArray& body, int timeoutMs)
{
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: " + server.authority().toUtf8() +
        "\r\n" + extraHeaders;
    if (!body.isNull() && !extraHeaders.toLower().contains("content-length:"))
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return exchange(server, request + "\r\n" + body, timeoutMs);
}

QByteArray Reply::header(const QByteArray& name) const
{
    const QByteArray wanted = name.toLower() + ':';
    for (const QByteArray& line : head.split('\n')) {
        if (line.toLower().startsWith(wanted))
            return line.mid(wanted.size()).trimmed();
    }
    return {};
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
