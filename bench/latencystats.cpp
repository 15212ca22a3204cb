#include "latencystats.h"

#include <algorithm>

namespace {
constexpr qint64 kExact = 1000; ///< below this many µs every value has its own bucket
constexpr qint64 kPerDecade = 900; ///< mantissas 100 … 999 above it
} // namespace

size_t LatencyStats::bucketOf(qint64 micros)
{
    if (micros < kExact)
        return size_t(std::max<qint64>(micros, 0));
    qint64 scale = 1;
    int decade = 0;
    while (micros / scale >= 1000) {
        scale *= 10;
        ++decade;
    }
    return size_t(kExact + (decade - 1) * kPerDecade + (micros / scale - 100));
}

qint64 LatencyStats::lowerBound(size_t bucket)
{
    if (qint64(bucket) < kExact)
        return qint64(bucket);
    const qint64 offset = qint64(bucket) - kExact;
    qint64 scale = 10;
    for (qint64 d = 0; d < offset / kPerDecade; ++d)
        scale *= 10;
    return (offset % kPerDecade + 100) * scale;
}

void LatencyStats::add(qint64 micros)
{
    const size_t bucket = bucketOf(micros);
    if (bucket >= m_buckets.size())
        m_buckets.resize(bucket + 1);
    ++m_buckets[bucket];
    ++m_count;
    m_max = std::max(m_max, micros);
}

void LatencyStats::merge(const LatencyStats& other)
{
    if (other.m_buckets.size() > m_buckets.size())
        m_buckets.resize(other.m_buckets.size());
    for (size_t i = 0; i < other.m_buckets.size(); ++i)
        m_buckets[i] += other.m_buckets[i];
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
}

double LatencyStats::percentileMs(double q) const
{
    // The sample at index floor(q·n) of the sorted samples, as before the histogram.
    const qint64 rank = std::min(m_count - 1, qint64(q * double(m_count)));
    qint64 seen = 0;
    for (size_t i = 0; i < m_buckets.size(); ++i) {
        seen += m_buckets[i];
        if (seen > rank)
            return double(std::min(lowerBound(i), m_max)) / 1000.0;
    }
    return double(m_max) / 1000.0;
}

QJsonObject LatencyStats::toJson() const
{
    if (m_count == 0)
        return {};
    return {{QStringLiteral("p50"), percentileMs(0.50)},
        {QStringLiteral("p90"), percentileMs(0.90)}, {QStringLiteral("p99"), percentileMs(0.99)},
        {QStringLiteral("max"), double(m_max) / 1000.0}, {QStringLiteral("samples"), m_count}};
}

QJsonObject LatencyStats::toHistogram() const
{
    QJsonObject json {{QStringLiteral("max"), m_max}};
    QJsonObject buckets;
    for (size_t i = 0; i < m_buckets.size(); ++i) {
        if (m_buckets[i] > 0)
            buckets.insert(QString::number(i), m_buckets[i]);
    }
    json.insert(QStringLiteral("buckets"), buckets);
    return json;
}

LatencyStats LatencyStats::fromHistogram(const QJsonObject& json)
{
    LatencyStats stats;
    const QJsonObject buckets = json.value(QStringLiteral("buckets")).toObject();
    for (auto it = buckets.begin(); it != buckets.end(); ++it) {
        const size_t bucket = it.key().toULongLong();
        if (bucket >= stats.m_buckets.size())
            stats.m_buckets.resize(bucket + 1);
        stats.m_buckets[bucket] += qint64(it.value().toDouble());
        stats.m_count += qint64(it.value().toDouble());
    }
    stats.m_max = qint64(json.value(QStringLiteral("max")).toDouble());
    return stats;
}
