#pragma once
#include <QHash>
#include <array>
#include <optional>

namespace palaver::server {

/// Per-user token buckets. Messages get the configured rate and burst; edits, typing and read
/// markers have their own looser buckets so a busy editor cannot starve its own sends, and
/// every other request shares a generous bucket that only stops floods.
class RateLimiter
{
public:
    enum class Bucket { Message, Edit, Typing, Read, Request, Count };

    RateLimiter(double ratePerSecond, int burst);

    /// Takes one token at `nowMs`; nullopt when allowed, else how long until one is free.
    std::optional<qint64> take(qint64 userId, Bucket bucket, qint64 nowMs);
    /// Drops a user's buckets (its last session ended); a reconnect starts full.
    void forget(qint64 userId) { m_state.remove(userId); }

private:
    struct Level
    {
        double tokens;
        qint64 updatedMs;
    };
    struct Limit
    {
        double ratePerMs;
        double burst;
    };
    std::array<Limit, size_t(Bucket::Count)> m_limits;
    QHash<qint64, std::array<Level, size_t(Bucket::Count)>> m_state;
};

} // namespace palaver::server
