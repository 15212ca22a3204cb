#pragma once
#include <QByteArray>
#include <QObject>
#include <functional>
#include <optional>

namespace palaver::server {
class RedisClient;

/// The per-user message rate over every node: one token bucket per user in Redis, taken by a
/// script that runs atomically there (on Redis's clock, so the nodes' clocks do not matter).
/// While Redis is unreachable each node falls back to its own buckets, so a user with devices
/// on several nodes may briefly get that many times the rate; nothing else changes.
class SharedRateLimit
{
public:
    SharedRateLimit(RedisClient& redis, double ratePerSecond, int burst);

    /// True when the shared bucket can be asked (Redis linked).
    bool active() const;
    /// Takes a token of `userId`'s message bucket; `done` gets nullopt when allowed, else the
    /// wait until a token is free, or is told `std::nullopt` with `failed` set when Redis did
    /// not answer (the caller then uses its local bucket).
    using Done = std::function<void(bool answered, std::optional<qint64> retryAfterMs)>;
    void take(qint64 userId, Done done);

private:
    RedisClient& m_redis;
    QByteArray m_ratePerMs;
    QByteArray m_burst;
};

} // namespace palaver::server
