#include "benchreport.h"

#include <QJsonArray>
#include <algorithm>
#include <ctime>

using namespace Qt::StringLiterals;

qint64 BenchReport::nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void BenchReport::markStart(qint64 ns)
{
    startNs = startNs == 0 ? ns : std::min(startNs, ns);
}

void BenchReport::markEnd(qint64 ns)
{
    endNs = std::max(endNs, ns);
}

void BenchReport::merge(const BenchReport& other)
{
    connections += other.connections;
    refused += other.refused;
    sent += other.sent;
    acked += other.acked;
    deliveriesExpected += other.deliveriesExpected;
    deliveriesReceived += other.deliveriesReceived;
    duplicates += other.duplicates;
    if (other.startNs)
        markStart(other.startNs);
    markEnd(other.endNs);
    generatorCpuS += other.generatorCpuS;
    for (auto it = other.latencies.begin(); it != other.latencies.end(); ++it)
        latencies[it.key()].merge(it.value());
    for (auto it = other.sums.begin(); it != other.sums.end(); ++it)
        sums[it.key()] += it.value();
    for (auto it = other.earliestNs.begin(); it != other.earliestNs.end(); ++it) {
        const qint64 mine = earliestNs.value(it.key(), it.value());
        earliestNs[it.key()] = std::min(mine, it.value());
    }
    for (auto it = other.latestNs.begin(); it != other.latestNs.end(); ++it)
        latestNs[it.key()] = std::max(latestNs.value(it.key(), it.value()), it.value());
    errors += other.errors;
}

namespace {
template <typename Map> QJsonObject mapToJson(const Map& map)
{
    QJsonObject json;
    for (auto it = map.begin(); it != map.end(); ++it)
        json.insert(it.key(), double(it.value()));
    return json;
}
} // namespace

QJsonObject BenchReport::toPartial() const
{
    QJsonObject histograms;
    for (auto it = latencies.begin(); it != latencies.end(); ++it)
        histograms.insert(it.key(), it.value().toHistogram());
    // Timestamps are ns since boot: below 2^53 for 104 days of uptime, so doubles keep them.
    return {{u"connections"_s, connections}, {u"refused"_s, refused}, {u"sent"_s, sent},
        {u"acked"_s, acked}, {u"deliveries_expected"_s, deliveriesExpected},
        {u"deliveries_received"_s, deliveriesReceived}, {u"duplicates"_s, duplicates},
        {u"start_ns"_s, startNs}, {u"end_ns"_s, endNs}, {u"generator_cpu_s"_s, generatorCpuS},
        {u"latencies"_s, histograms}, {u"sums"_s, mapToJson(sums)},
        {u"earliest_ns"_s, mapToJson(earliestNs)}, {u"latest_ns"_s, mapToJson(latestNs)},
        {u"errors"_s, QJsonArray::fromStringList(errors)}};
}

BenchReport BenchReport::fromPartial(const QJsonObject& json)
{
    BenchReport r;
    auto i64 = [&json](const QString& key) { return qint64(json.value(key).toDouble()); };
    r.connections = i64(u"connections"_s);
    r.refused = i64(u"refused"_s);
    r.sent = i64(u"sent"_s);
    r.acked = i64(u"acked"_s);
    r.deliveriesExpected = i64(u"deliveries_expected"_s);
    r.deliveriesReceived = i64(u"deliveries_received"_s);
    r.duplicates = i64(u"duplicates"_s);
    r.startNs = i64(u"start_ns"_s);
    r.endNs = i64(u"end_ns"_s);
    r.generatorCpuS = json.value(u"generator_cpu_s"_s).toDouble();
    const QJsonObject histograms = json.value(u"latencies"_s).toObject();
    for (auto it = histograms.begin(); it != histograms.end(); ++it)
        r.latencies.insert(it.key(), LatencyStats::fromHistogram(it.value().toObject()));
    const QJsonObject sums = json.value(u"sums"_s).toObject();
    for (auto it = sums.begin(); it != sums.end(); ++it)
        r.sums.insert(it.key(), it.value().toDouble());
    const QJsonObject earliest = json.value(u"earliest_ns"_s).toObject();
    for (auto it = earliest.begin(); it != earliest.end(); ++it)
        r.earliestNs.insert(it.key(), qint64(it.value().toDouble()));
    const QJsonObject latest = json.value(u"latest_ns"_s).toObject();
    for (auto it = latest.begin(); it != latest.end(); ++it)
        r.latestNs.insert(it.key(), qint64(it.value().toDouble()));
    for (const QJsonValue& e : json.value(u"errors"_s).toArray())
        r.errors.append(e.toString());
    return r;
}

QJsonObject BenchReport::commonJson() const
{
    const double s = seconds();
    QJsonObject json {{u"connections"_s, connections}, {u"refused"_s, refused}, {u"sent"_s, sent},
        {u"acked"_s, acked}, {u"deliveries_expected"_s, deliveriesExpected},
        {u"deliveries_received"_s, deliveriesReceived}, {u"missing"_s, missing()},
        {u"duplicates"_s, duplicates}, {u"seconds"_s, s},
        {u"throughput_per_s"_s, s > 0 ? double(acked) / s : 0.0},
        {u"deliveries_per_s"_s, s > 0 ? double(deliveriesReceived) / s : 0.0},
        {u"latency_ms"_s, latencies.value(u"latency_ms"_s).toJson()},
        {u"generator"_s, QJsonObject {{u"cpu_s"_s, generatorCpuS}}}};
    for (auto it = latencies.begin(); it != latencies.end(); ++it)
        json.insert(it.key(), it.value().toJson());
    if (!errors.isEmpty())
        json.insert(u"errors"_s, QJsonArray::fromStringList(errors));
    return json;
}
