#pragma once
#include <QJsonObject>
#include <vector>

/// Collects latencies (microseconds) and reports percentiles in milliseconds.
class LatencyStats
{
public:
    void add(qint64 micros) { m_samples.push_back(micros); }
    size_t count() const { return m_samples.size(); }
    QJsonObject toJson();

private:
    std::vector<qint64> m_samples;
};
