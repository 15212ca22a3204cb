#include "server/metrics/servermetrics.h"

namespace palaver::server {
namespace {
void line(QByteArray& out, const char* name, const char* type, const char* help, double value)
{
    out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n' +
        name + ' ' + QByteArray::number(value, 'g', 15) + '\n';
}

void counter(QByteArray& out, const char* name, const char* help, const ServerMetrics::Counter& c)
{
    line(out, name, "counter", help, double(c.load(std::memory_order_relaxed)));
}
} // namespace

QByteArray renderMetrics(
    const ServerMetrics& m, const MetricsGauges& g, const LatencyHistogram& commits)
{
    QByteArray out;
    out.reserve(6000);
    line(out, "palaver_connections", "gauge", "Open client connections.", double(g.connections));
    line(out, "palaver_users_online", "gauge", "Users with at least one authenticated device.",
        double(g.usersOnline));
    line(out, "palaver_devices_online", "gauge", "Authenticated connections.",
        double(g.devicesOnline));
    counter(out, "palaver_frames_in_total", "WebSocket text frames received.", m.framesIn);
    counter(out, "palaver_frames_out_total", "WebSocket text frames sent.", m.framesOut);
    counter(
        out, "palaver_events_stored_total", "Events committed to the database.", m.eventsStored);
    counter(out, "palaver_deliveries_total", "Event pushes handed to recipients' sockets.",
        m.deliveries);
    counter(out, "palaver_rate_limited_total", "Requests answered rate_limited.", m.rateLimited);
    counter(out, "palaver_flood_closes_total", "Connections closed with 4429.", m.floodCloses);
    counter(out, "palaver_auth_failures_total", "Failed register/login/resume attempts.",
        m.authFailures);
    counter(out, "palaver_logins_refused_total",
        "Logins refused by the per-account or per-address attempt limits.", m.loginsRefused);
    counter(out, "palaver_send_queue_overflows_total",
        "Connections dropped because they stopped reading.", m.sendQueueOverflows);
    counter(out, "palaver_http_requests_total", "Plain HTTP requests (healthz, metrics, files).",
        m.httpRequests);
    counter(out, "palaver_file_uploads_total", "Files uploaded (POST /v1/files answered 201).",
        m.fileUploads);
    counter(out, "palaver_file_bytes_stored_total",
        "Bytes of new file contents written to disk (deduplicated uploads add none).",
        m.fileBytesStored);
    counter(out, "palaver_file_downloads_total", "Files and thumbnails served.", m.fileDownloads);
    counter(out, "palaver_thumbnails_made_total",
        "Thumbnails generated (later requests are served from the disk cache).", m.thumbnailsMade);
    static const char* const reasons[] = {
        "total_limit", "per_ip_limit", "handshake_rate", "origin"};
    out += "# HELP palaver_connections_refused_total Connections refused before the upgrade.\n"
           "# TYPE palaver_connections_refused_total counter\n";
    for (size_t i = 0; i < size_t(Refusal::Count); ++i)
        out += QByteArray("palaver_connections_refused_total{reason=\"") + reasons[i] + "\"} " +
            QByteArray::number(m.refused[i].load(std::memory_order_relaxed)) + '\n';
    line(out, "palaver_db_batches_committed_total", "counter", "Write batches committed.",
        double(g.batchesCommitted));
    line(out, "palaver_db_jobs_committed_total", "counter", "Write jobs committed.",
        double(g.jobsCommitted));
    line(out, "palaver_db_errors_total", "counter", "Failed database writes and commits.",
        double(g.databaseErrors));
    m.sendToCommit.render(out, "palaver_send_to_ack_seconds",
        "From a send's arrival to its ack, which follows the commit.");
    commits.render(out, "palaver_db_commit_seconds", "Time of one write batch, BEGIN to COMMIT.");
    // Each node is scraped on its own; the info line says which one answered.
    out += "# HELP palaver_node_info This node.\n# TYPE palaver_node_info gauge\n"
           "palaver_node_info{node=\"" +
        g.nodeId + "\"} 1\n";
    if (g.busConfigured) {
        line(out, "palaver_bus_up", "gauge", "1 while this node is linked to the bus.",
            g.busReady ? 1 : 0);
        line(out, "palaver_bus_peer_nodes", "gauge", "Other nodes heard on the bus recently.",
            double(g.peerNodes));
        counter(out, "palaver_bus_published_total", "Messages this node put on the bus.",
            m.busPublished);
        counter(out, "palaver_bus_received_total", "Messages of other nodes taken off the bus.",
            m.busReceived);
        counter(out, "palaver_bus_dropped_total",
            "Messages not published because the bus was down (recovered from the database).",
            m.busDropped);
    }
    counter(out, "palaver_gap_fills_total",
        "Room streams completed from the database (a push missing or late).", m.gapFills);
    line(out, "palaver_rooms_behind", "gauge", "Rooms whose stream waits for an earlier event.",
        double(g.roomsBehind));
    line(out, "palaver_uptime_seconds", "gauge", "Seconds since the server started.",
        g.uptimeSeconds);
    line(
        out, "process_resident_memory_bytes", "gauge", "Resident memory.", double(g.residentBytes));
    return out;
}

} // namespace palaver::server
