#pragma once
// The server's counters for /metrics. One instance, owned by the ChatServer and passed by
// reference to whoever counts; relaxed atomics because the writer thread counts too.
#include "server/metrics/latencyhistogram.h"

#include <QByteArray>
#include <array>
#include <atomic>

namespace palaver::server {

/// Why a connection was turned away before it became a WebSocket.
enum class Refusal { TotalLimit, PerIpLimit, HandshakeRate, Origin, Count };

struct ServerMetrics
{
    using Counter = std::atomic<quint64>;
    static void add(Counter& c, quint64 n = 1) { c.fetch_add(n, std::memory_order_relaxed); }

    Counter framesIn {0};
    Counter framesOut {0};
    Counter eventsStored {0};
    Counter deliveries {0};
    Counter rateLimited {0};
    Counter floodCloses {0};
    Counter authFailures {0};
    Counter loginsRefused {0}; ///< refused by the login-attempt limits
    Counter sendQueueOverflows {0};
    Counter httpRequests {0};
    Counter busPublished {0}; ///< messages this node put on the bus
    Counter busReceived {0}; ///< messages of other nodes taken off it
    Counter busDropped {0}; ///< not published: the bus was down (others catch up from the database)
    Counter gapFills {0}; ///< room streams completed from the database
    Counter fileUploads {0}; ///< POST /v1/files answered 201
    Counter fileBytesStored {0}; ///< bytes of new contents written (deduplicated ones not)
    Counter fileDownloads {0}; ///< files and thumbnails served
    Counter thumbnailsMade {0}; ///< thumbnails generated (the rest come from the disk cache)
    std::array<Counter, size_t(Refusal::Count)> refused {};
    LatencyHistogram sendToCommit; ///< a send's arrival to its ack (after the commit)
};

/// Gauges read at scrape time from the parts that own them.
struct MetricsGauges
{
    quint64 connections = 0;
    quint64 usersOnline = 0;
    quint64 devicesOnline = 0;
    quint64 batchesCommitted = 0;
    quint64 jobsCommitted = 0;
    quint64 databaseErrors = 0;
    double uptimeSeconds = 0;
    qint64 residentBytes = 0;
    QByteArray nodeId;
    bool busConfigured = false;
    bool busReady = false;
    quint64 peerNodes = 0; ///< other nodes heard on the bus within the last seconds
    quint64 roomsBehind = 0; ///< rooms whose stream waits for an earlier seq
};

/// Prometheus text exposition format 0.0.4.
QByteArray renderMetrics(
    const ServerMetrics& metrics, const MetricsGauges& gauges, const LatencyHistogram& commits);

} // namespace palaver::server
