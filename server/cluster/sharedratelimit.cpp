#include "server/cluster/sharedratelimit.h"

#include "server/bus/redisclient.h"

namespace palaver::server {
namespace {
// A token bucket: refill by elapsed time, take one if there is one, else say how long until
// there is. Redis runs a script atomically, so two nodes cannot both take the last token.
// The key expires once a full bucket would have refilled: idle users cost nothing.
const QByteArray kScript = R"lua(
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or burst
local ts = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  retry = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return retry
)lua";
} // namespace

SharedRateLimit::SharedRateLimit(RedisClient& redis, double ratePerSecond, int burst)
    : m_redis(redis)
    , m_ratePerMs(QByteArray::number(ratePerSecond / 1000.0, 'g', 17))
    , m_burst(QByteArray::number(burst))
{ }

bool SharedRateLimit::active() const
{
    return m_redis.isReady();
}

void SharedRateLimit::take(qint64 userId, Done done)
{
    m_redis.command({"EVAL", kScript, "1", "palaver:v1:rate:msg:" + QByteArray::number(userId),
                        m_ratePerMs, m_burst},
        [done = std::move(done)](const RedisReply& reply) {
            if (reply.kind != RedisReply::Kind::Integer) {
                done(false, std::nullopt);
                return;
            }
            done(true, reply.integer > 0 ? std::optional(reply.integer) : std::nullopt);
        });
}

} // namespace palaver::server
