#include "server/core/ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace palaver::server {

RateLimiter::RateLimiter(double ratePerSecond, int burst)
{
    const double r = ratePerSecond / 1000.0;
    const double b = burst;
    m_limits[size_t(Bucket::Message)] = {r, b};
    m_limits[size_t(Bucket::Edit)] = {2 * r, 2 * b};
    m_limits[size_t(Bucket::Typing)] = {2 * r, 2 * b};
    m_limits[size_t(Bucket::Read)] = {4 * r, 4 * b};
    m_limits[size_t(Bucket::Request)] = {std::max(10 * r, 0.05), std::max(5 * b, 100.0)};
}

std::optional<qint64> RateLimiter::take(qint64 userId, Bucket bucket, qint64 nowMs)
{
    auto it = m_state.find(userId);
    if (it == m_state.end()) {
        std::array<Level, size_t(Bucket::Count)> full {};
        for (size_t i = 0; i < full.size(); ++i)
            full[i] = {m_limits[i].burst, nowMs};
        it = m_state.insert(userId, full);
    }
    const Limit& limit = m_limits[size_t(bucket)];
    Level& level = (*it)[size_t(bucket)];
    level.tokens =
        std::min(limit.burst, level.tokens + (nowMs - level.updatedMs) * limit.ratePerMs);
    level.updatedMs = nowMs;
    if (level.tokens >= 1.0) {
        level.tokens -= 1.0;
        return std::nullopt;
    }
    return qint64(std::ceil((1.0 - level.tokens) / limit.ratePerMs));
}

} // namespace palaver::server
