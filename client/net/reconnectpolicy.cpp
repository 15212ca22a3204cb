#include "client/net/reconnectpolicy.h"

#include <QRandomGenerator>
#include <algorithm>

namespace palaver::client {

ReconnectPolicy::ReconnectPolicy(RandomSource random)
    : m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

std::chrono::milliseconds ReconnectPolicy::nextDelay()
{
    // 2^attempt grows past the cap after 5 doublings; clamping the exponent keeps the shift
    // defined however long the server stays away.
    const int exponent = std::min(m_attempt, 16);
    ++m_attempt;
    const qint64 ceiling = std::min<qint64>(kCap.count(), kBase.count() << exponent);
    // Full jitter over [floor, ceiling]: spreads reconnects evenly instead of in waves.
    const double r = std::clamp(m_random(), 0.0, 1.0);
    const qint64 delay = kFloor.count() + qint64(r * double(ceiling - kFloor.count()));
    return std::chrono::milliseconds(std::min<qint64>(delay, kCap.count()));
}

std::chrono::milliseconds ReconnectPolicy::now()
{
    reset();
    return std::chrono::milliseconds(0);
}

} // namespace palaver::client
