#pragma once
// What the port answers besides WebSockets, and which handshakes it refuses: GET /healthz and
// GET /metrics for the allowed subnets (loopback by default), /v1/files (handed to the
// FileService, answered later), the Origin check for browsers, 404/405 for anything else.
#include "server/config/serverconfig.h"
#include "server/metrics/servermetrics.h"
#include "server/net/httpresponse.h"

#include <functional>

namespace palaver::server {
class FileService;
struct HttpRequestHead;

class HttpEndpoints
{
public:
    struct Probes
    {
        std::function<bool()> healthy; ///< accepting, and the database answered recently
        std::function<QByteArray()> metrics;
    };

    HttpEndpoints(const ServerConfig& config, ServerMetrics& metrics, Probes probes)
        : m_config(config)
        , m_metrics(metrics)
        , m_probes(std::move(probes))
    { }

    /// Serves /v1/files; without one those paths are 404.
    void setFileService(FileService* files) { m_files = files; }

    RequestDecision decide(const HttpRequestHead& head, const QHostAddress& peer) const;
    /// True when an Origin header (browsers send one) may open a WebSocket.
    bool originAllowed(const QByteArray& origin) const;

private:
    bool mayReadOperations(const QHostAddress& peer) const;

    const ServerConfig& m_config;
    ServerMetrics& m_metrics;
    Probes m_probes;
    FileService* m_files = nullptr;
};

} // namespace palaver::server
