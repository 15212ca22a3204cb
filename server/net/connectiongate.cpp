#include "server/net/connectiongate.h"

namespace palaver::server {

double ConnectionGate::refill(PerAddress& entry, qint64 nowMs) const
{
    const double rate = m_limits.handshakesPerIpPerS;
    const double capacity = 2 * rate; // a burst of twice the rate: a browser tab plus reconnects
    if (entry.refilledMs == 0)
        entry.tokens = capacity;
    else
        entry.tokens =
            qMin(capacity, entry.tokens + double(nowMs - entry.refilledMs) * rate / 1000);
    entry.refilledMs = nowMs;
    return capacity;
}

std::optional<Refusal> ConnectionGate::admit(const QHostAddress& peer, qint64 nowMs)
{
    if (m_limits.total > 0 && m_total >= m_limits.total)
        return Refusal::TotalLimit;
    PerAddress& entry = m_addresses[peer];
    if (m_limits.perIp > 0 && entry.connections >= m_limits.perIp)
        return Refusal::PerIpLimit;
    if (m_limits.handshakesPerIpPerS > 0) {
        refill(entry, nowMs);
        if (entry.tokens < 1)
            return Refusal::HandshakeRate;
        entry.tokens -= 1;
    }
    ++entry.connections;
    ++m_total;
    return std::nullopt;
}

void ConnectionGate::release(const QHostAddress& peer)
{
    --m_total;
    const auto it = m_addresses.find(peer);
    if (it != m_addresses.end())
        --it->connections;
}

void ConnectionGate::prune(qint64 nowMs)
{
    for (auto it = m_addresses.begin(); it != m_addresses.end();) {
        const double capacity = m_limits.handshakesPerIpPerS > 0 ? refill(*it, nowMs) : 0;
        if (it->connections <= 0 && it->tokens >= capacity)
            it = m_addresses.erase(it);
        else
            ++it;
    }
}

} // namespace palaver::server
