#include "server/auth/loginthrottle.h"

namespace palaver::server {
namespace {
// Failures answered at once; after them each one waits twice as long, up to the cap.
constexpr int kFreeFailures = 3;
constexpr qint64 kFirstDelayMs = 250;
constexpr qint64 kMaxDelayMs = 8'000;
} // namespace

bool LoginThrottle::expired(const Failures& entry, qint64 now) const
{
    return now >= entry.lockedUntilMs && now - entry.firstMs >= m_limits.lockoutMs;
}

void LoginThrottle::note(Failures& entry, int limit, qint64 now) const
{
    if (entry.count > 0 && expired(entry, now))
        entry = Failures {};
    if (entry.count == 0)
        entry.firstMs = now;
    ++entry.count;
    if (limit > 0 && entry.count >= limit)
        entry.lockedUntilMs = now + m_limits.lockoutMs;
}

std::optional<qint64> LoginThrottle::refusedFor(
    const QString& username, const QHostAddress& peer, qint64 now)
{
    qint64 until = 0;
    if (const auto it = m_accounts.constFind(username.toLower()); it != m_accounts.cend())
        until = qMax(until, it->lockedUntilMs);
    if (const auto it = m_addresses.constFind(peer); it != m_addresses.cend())
        until = qMax(until, it->lockedUntilMs);
    if (until > now)
        return until - now;
    return std::nullopt;
}

qint64 LoginThrottle::failed(const QString& username, const QHostAddress& peer, qint64 now)
{
    Failures& account = m_accounts[username.toLower()];
    note(account, m_limits.perAccount, now);
    note(m_addresses[peer], m_limits.perIp, now);
    if (account.count <= kFreeFailures)
        return 0;
    const int doublings = qMin(account.count - kFreeFailures - 1, 10);
    return qMin(kMaxDelayMs, kFirstDelayMs << doublings);
}

void LoginThrottle::succeeded(const QString& username)
{
    m_accounts.remove(username.toLower());
}

void LoginThrottle::prune(qint64 now)
{
    m_accounts.removeIf([&](const auto& it) { return expired(it.value(), now); });
    m_addresses.removeIf([&](const auto& it) { return expired(it.value(), now); });
}

} // namespace palaver::server
