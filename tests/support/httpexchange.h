#pragma once
// One HTTP/1.1 request by hand over a fresh connection (TLS when the URL is wss://), for
// the server's plain endpoints and its refused handshakes: the server answers and closes.
#include <QByteArray>
#include <QUrl>
#include <memory>

class QSslSocket;

namespace http {

struct Reply
{
    int status = 0; ///< 0 when nothing (or no HTTP) came back
    QByteArray head;
    QByteArray body;
    /// A response header's value (name case-insensitive); empty when absent.
    QByteArray header(const QByteArray& name) const;
    /// True when an interim "100 Continue" came before the final response.
    bool continued = false;
};

/// Sends `request` and reads until the server closes (or the timeout).
Reply exchange(const QUrl& server, const QByteArray& request, int timeoutMs = 10000);
/// `METHOD path` with no body.
Reply call(const QUrl& server, const QByteArray& method, const QByteArray& path);
/// `METHOD path` with `extraHeaders` ("Name: value\r\n" lines) and, when `body` is set, the
/// body with its Content-Length.
Reply call(const QUrl& server, const QByteArray& method, const QByteArray& path,
    const QByteArray& extraHeaders, const QByteArray& body = {}, int timeoutMs = 20000);
/// A POST of `body` with "Expect: 100-continue" that sends the body only after the server's
/// 100 Continue (`continued` then true); without one, the final answer.
Reply postAfterContinue(const QUrl& server, const QByteArray& path, const QByteArray& extraHeaders,
    const QByteArray& body, int timeoutMs = 20000);
/// A WebSocket upgrade request for /v1 with `extraHeaders` ("Name: value\r\n" lines).
QByteArray upgradeRequest(const QUrl& server, const QByteArray& extraHeaders = {});

/// A connection that stays open after a successful upgrade (for the connection limits).
/// `status` is the response's status (101 when upgraded).
std::unique_ptr<QSslSocket> openUpgraded(
    const QUrl& server, int* status, const QByteArray& extraHeaders = {}, int timeoutMs = 10000);

} // namespace http
