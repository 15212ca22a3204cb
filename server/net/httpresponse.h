#pragma once
// One HTTP/1.1 response the server sends before closing: the plain endpoints (/healthz,
// /metrics) and every refused handshake. Connections are not kept alive: the port's business
// is WebSockets, and one request per connection keeps the HTTP side trivial to reason about.
#include <QByteArray>
#include <QStringBuilder>

namespace palaver::server {

struct HttpResponse
{
    QByteArray status = "200 OK";
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QByteArray extraHeaders; ///< whole "Name: value\r\n" lines

    static HttpResponse plain(
        const QByteArray& status, const QByteArray& body, const QByteArray& extraHeaders = {})
    {
        return HttpResponse {status, "text/plain; charset=utf-8", body, extraHeaders};
    }

    QByteArray serialize(bool includeBody = true) const
    {
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType +
            "\r\nContent-Length: " + QByteArray::number(body.size()) +
            "\r\nConnection: close\r\nCache-Control: no-store\r\n" + extraHeaders + "\r\n" +
            (includeBody ? body : QByteArray());
    }
};

/// What the server decides about a request head: upgrade it to a WebSocket, or answer it.
struct RequestDecision
{
    bool upgrade = false;
    HttpResponse response; ///< when not upgrading
};

} // namespace palaver::server
