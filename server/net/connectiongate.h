#pragma once
// Who may open a connection: at most so many in total and per address, and at most so many
// new ones per second per address (a token bucket). Decided at accept, before any byte is
// read, so a flood costs the server a refusal and not a session.
#include "server/metrics/servermetrics.h"

#include <QHash>
#include <QHostAddress>
#include <optional>

namespace palaver::server {

class ConnectionGate
{
public:
    struct Limits
    {
        int total = 0; ///< 0: no limit, for each of these
        int perIp = 0;
        int handshakesPerIpPerS = 0;
    };

    explicit ConnectionGate(Limits limits)
        : m_limits(limits)
    { }

    /// Counts the connection in when it may stay; otherwise says why not (nothing counted).
    std::optional<Refusal> admit(const QHostAddress& peer, qint64 nowMs);
    /// A connection that admit() let in has ended.
    void release(const QHostAddress& peer);
    /// Forgets addresses with no connection and a full bucket (called now and then).
    void prune(qint64 nowMs);

    int total() const { return m_total; }

private:
    struct PerAddress
    {
        int connections = 0;
        double tokens = 0;
        qint64 refilledMs = 0;
    };
    double refill(PerAddress& entry, qint64 nowMs) const;

    Limits m_limits;
    QHash<QHostAddress, PerAddress> m_addresses;
    int m_total = 0;
};

} // namespace palaver::server
