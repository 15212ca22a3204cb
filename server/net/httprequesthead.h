#pragma once
// The head of one HTTP/1.1 request (request line and headers), as the WebSocket handshake and
// the plain HTTP endpoints on the same port need it. Parsing only; no I/O.
#include <QByteArray>
#include <QHash>
#include <optional>

namespace palaver::server {

struct HttpRequestHead
{
    QByteArray method;
    QByteArray target; ///< path and query as sent, e.g. "/v1"
    QByteArray version;
    QHash<QByteArray, QByteArray> headers; ///< names lower-cased, values trimmed

    /// Parses a head that ends with the blank line (which may be left out of `head`);
    /// nullopt when it is not HTTP/1.x.
    static std::optional<HttpRequestHead> parse(const QByteArray& head);

    QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
    /// True when a comma-separated header holds `token` (case-insensitive), e.g.
    /// "Connection: keep-alive, Upgrade".
    bool headerHasToken(const QByteArray& lowerName, const QByteArray& token) const;
    QByteArray path() const;
};

} // namespace palaver::server
