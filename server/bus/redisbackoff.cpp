#include "server/bus/redisbackoff.h"

#include <QRandomGenerator>
#include <algorithm>

namespace palaver::server {
int RedisBackoff::nextDelayMs()
{
    // 100 << 6 is past the cap already; stopping the shift there keeps it from overflowing.
    const int step = std::min(m_step, 6);
    if (m_step < 6)
        ++m_step;
    const int ceiling = std::min(kMaxMs, kFirstMs << step);
    return ceiling / 2 + int(QRandomGenerator::global()->bounded(ceiling / 2 + 1));
}
} // namespace palaver::server
