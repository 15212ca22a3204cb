#pragma once
// Reconnect delays: 100 ms doubling up to 5 s, each drawn from the upper half of its step so
// that many servers that lost the same Redis do not all come back in the same millisecond.
namespace palaver::server {
class RedisBackoff
{
public:
    /// The delay before the next attempt, in milliseconds; each call moves one step up.
    int nextDelayMs();
    /// Back to the first step after a connection worked.
    void reset() { m_step = 0; }

    static constexpr int kFirstMs = 100;
    static constexpr int kMaxMs = 5000;

private:
    int m_step = 0;
};
} // namespace palaver::server
