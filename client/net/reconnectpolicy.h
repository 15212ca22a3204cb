#pragma once
// When to try again after a connection is lost: exponential backoff with full jitter, so a
// server restart is not met by every client at the same instant.
#include <chrono>
#include <functional>

namespace palaver::client {

/// Backoff with full jitter: attempt n waits a uniform random time in
/// [base/2, min(cap, base * 2^n)], where base is 1 s and cap 30 s.
class ReconnectPolicy
{
public:
    /// Returns a uniform value in [0, 1); injected so tests are deterministic.
    using RandomSource = std::function<double()>;

    /// Uses QRandomGenerator::global() unless `random` is given.
    explicit ReconnectPolicy(RandomSource random = {});

    /// The delay before the next attempt; each call counts as one more failed attempt.
    std::chrono::milliseconds nextDelay();
    /// A connection succeeded: the next failure starts again from the base delay.
    void reset() { m_attempt = 0; }
    /// The network came back: try at once, and count from the base again.
    std::chrono::milliseconds now();
    /// Failed attempts since the last reset().
    int attempts() const { return m_attempt; }

    static constexpr std::chrono::milliseconds kBase {1000};
    static constexpr std::chrono::milliseconds kFloor {500}; ///< never hammer: at least this
    static constexpr std::chrono::milliseconds kCap {30000};

private:
    RandomSource m_random;
    int m_attempt = 0;
};

} // namespace palaver::client
