#pragma once
#include <QJsonObject>
#include <vector>

/// Collects durations (microseconds) in a histogram and reports percentiles in milliseconds.
/// Buckets are exact below 1 ms and keep 3 significant digits above (error < 1 %), so worker
/// processes can ship a few kilobytes instead of every sample and still merge exactly.
class LatencyStats
{
public:
    void add(qint64 micros);
    void merge(const LatencyStats& other);
    qint64 count() const { return m_count; }
    /// {p50, p90, p99, max, samples} in ms; {} when there are no samples.
    QJsonObject toJson() const;
    /// The histogram, for merging in another process.
    QJsonObject toHistogram() const;
    static LatencyStats fromHistogram(const QJsonObject& json);

private:
    static size_t bucketOf(qint64 micros);
    static qint64 lowerBound(size_t bucket);
    double percentileMs(double q) const;

    std::vector<qint64> m_buckets;
    qint64 m_count = 0;
    qint64 m_max = 0;
};
