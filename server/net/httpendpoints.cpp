#include "server/net/httpendpoints.h"

#include "server/files/fileservice.h"
#include "server/net/httprequesthead.h"

namespace palaver::server {

bool HttpEndpoints::originAllowed(const QByteArray& origin) const
{
    if (origin.isEmpty())
        return true; // desktop clients and tools send none
    for (const QString& allowed : m_config.allowedOrigins)
        if (allowed == u"*" || allowed.compare(QString::fromUtf8(origin), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

bool HttpEndpoints::mayReadOperations(const QHostAddress& peer) const
{
    for (const Subnet& subnet : m_config.metricsAllow)
        if (peer.isInSubnet(subnet))
            return true;
    return false;
}

RequestDecision HttpEndpoints::decide(const HttpRequestHead& head, const QHostAddress& peer) const
{
    const bool wantsUpgrade = head.headerHasToken("upgrade", "websocket");
    if (wantsUpgrade) {
        if (!originAllowed(head.header("origin"))) {
            ServerMetrics::add(m_metrics.refused[size_t(Refusal::Origin)]);
            return {false,
                HttpResponse::plain("403 Forbidden",
                    "this Origin may not connect; the server admin can allow it with "
                    "--allowed-origins\n")};
        }
        return {true, {}};
    }
    const QByteArray path = head.path();
    if (m_files && FileService::handles(path)) {
        // The browser rule holds for files too: a page from another origin gets nothing.
        if (!originAllowed(head.header("origin")))
            return {
                false, HttpResponse::plain("403 Forbidden", "this Origin may not fetch files\n")};
        return {false, {}, [files = m_files](HttpCall& call) { files->serve(call); }};
    }
    ServerMetrics::add(m_metrics.httpRequests);
    if (path != "/healthz" && path != "/metrics")
        return {false,
            HttpResponse::plain("404 Not Found",
                path == "/v1" ? "palaver-server speaks WebSocket at /v1\n" : "not found\n")};
    if (head.method != "GET" && head.method != "HEAD")
        return {false, HttpResponse::plain("405 Method Not Allowed", {}, "Allow: GET, HEAD\r\n")};
    if (!mayReadOperations(peer))
        return {false,
            HttpResponse::plain("403 Forbidden", "not from this address (see --metrics-allow)\n")};
    if (path == "/healthz")
        return m_probes.healthy() ? RequestDecision {false, HttpResponse::plain("200 OK", "ok\n")}
                                  : RequestDecision {false,
                                        HttpResponse::plain("503 Service Unavailable",
                                            "unavailable\n", "Retry-After: 5\r\n")};
    HttpResponse metrics = HttpResponse::plain("200 OK", m_probes.metrics());
    metrics.contentType = "text/plain; version=0.0.4; charset=utf-8";
    return {false, metrics};
}

} // namespace palaver::server
