#include "latencystats.h"

#include <algorithm>

QJsonObject LatencyStats::toJson()
{
    if (m_samples.empty())
        return {};
    std::sort(m_samples.begin(), m_samples.end());
    auto at = [this](double q) {
        const size_t i = std::min(m_samples.size() - 1, size_t(q * double(m_samples.size())));
        return double(m_samples[i]) / 1000.0;
    };
    return {{QStringLiteral("p50"), at(0.50)}, {QStringLiteral("p90"), at(0.90)},
        {QStringLiteral("p99"), at(0.99)},
        {QStringLiteral("max"), double(m_samples.back()) / 1000.0}};
}
