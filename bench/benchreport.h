#pragma once
// What one generator process measured in a run, mergeable across worker processes, and the
// common part of the JSON every scenario prints (same field names in every scenario).
#include "latencystats.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

class BenchReport
{
public:
    /// CLOCK_MONOTONIC in ns: comparable between processes on one machine, unlike QElapsedTimer
    /// offsets, so workers' windows can be merged.
    static qint64 nowNs();

    // Counters, summed over processes.
    qint64 connections = 0; ///< authenticated connections the scenario held
    qint64 refused = 0; ///< connections that failed to connect, authenticate or stay open
    qint64 sent = 0;
    qint64 acked = 0;
    qint64 deliveriesExpected = 0;
    qint64 deliveriesReceived = 0; ///< first arrivals only
    qint64 duplicates = 0;
    /// Measured window, earliest start and latest end over processes (0 = unset).
    qint64 startNs = 0;
    qint64 endNs = 0;
    double generatorCpuS = 0; ///< CPU seconds of the generator process(es) in the window
    /// Send → delivery is "latency_ms"; scenarios add their own, e.g. "ack_latency_ms".
    QMap<QString, LatencyStats> latencies;
    /// Scenario-specific figures: summed, or min/max for timestamps.
    QMap<QString, double> sums;
    QMap<QString, qint64> earliestNs;
    QMap<QString, qint64> latestNs;
    QStringList errors;

    qint64 missing() const { return deliveriesExpected - deliveriesReceived; }
    double seconds() const { return endNs > startNs ? double(endNs - startNs) / 1e9 : 0.0; }
    void markStart(qint64 ns);
    void markEnd(qint64 ns);
    void merge(const BenchReport& other);

    /// The compact form a worker process hands to its parent.
    QJsonObject toPartial() const;
    static BenchReport fromPartial(const QJsonObject& json);
    /// scenario, connections, sent … latency_ms, generator — the fields every scenario prints.
    QJsonObject commonJson() const;
};
