#pragma once
// One HTTP/1.1 response the server sends before closing: the plain endpoints (/healthz,
// /metrics, /v1/files) and every refused handshake. Connections are not kept alive: the port's
// business is WebSockets, and one request per connection keeps the HTTP side trivial to reason
// about.
#include <QByteArray>
#include <QStringBuilder>
#include <functional>

namespace palaver::server {
class HttpCall;

struct HttpResponse
{
    QByteArray status = "200 OK";
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QByteArray extraHeaders; ///< whole "Name: value\r\n" lines
    QByteArray cacheControl = "no-store";
    /// Content-Length when it is not body.size() (answers to HEAD carry no body).
    qint64 contentLength = -1;

    static HttpResponse plain(
        const QByteArray& status, const QByteArray& body, const QByteArray& extraHeaders = {})
    {
        return HttpResponse {status, "text/plain; charset=utf-8", body, extraHeaders};
    }
    static HttpResponse json(const QByteArray& status, const QByteArray& body)
    {
        return HttpResponse {status, "application/json", body, {}};
    }

    QByteArray serializeHead() const
    {
        const qint64 length = contentLength >= 0 ? contentLength : body.size();
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType +
            "\r\nContent-Length: " + QByteArray::number(length) +
            "\r\nConnection: close\r\nCache-Control: " + cacheControl + "\r\n" + extraHeaders +
            "\r\n";
    }
    QByteArray serialize(bool includeBody = true) const
    {
        return serializeHead() + (includeBody ? body : QByteArray());
    }
};

/// What the server decides about a request head: upgrade it to a WebSocket, answer it, or
/// hand it to `defer`, which answers later through the HttpCall (and may read a body first).
struct RequestDecision
{
    bool upgrade = false;
    HttpResponse response; ///< when not upgrading
    std::function<void(HttpCall&)> defer = {};
};

} // namespace palaver::server
