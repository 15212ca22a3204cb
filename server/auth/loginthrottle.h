#pragma once
// Failed logins, remembered per username and per address: past a few failures each answer
// waits longer, and past the limit logins are refused for a while. Usernames are tracked
// whether or not the account exists, so the answers reveal nothing about which ones do.
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <optional>

namespace palaver::server {

class LoginThrottle
{
public:
    struct Limits
    {
        int perAccount = 10; ///< 0: no limit
        int perIp = 50; ///< 0: no limit
        int lockoutMs = 900'000;
    };

    explicit LoginThrottle(Limits limits)
        : m_limits(limits)
    { }

    /// Milliseconds until a login for `username` from `peer` is allowed again, or nullopt.
    std::optional<qint64> refusedFor(const QString& username, const QHostAddress& peer, qint64 now);
    /// Records a failure; returns how long to hold the answer back.
    qint64 failed(const QString& username, const QHostAddress& peer, qint64 now);
    /// A correct password clears the account's failures (not the address's: one right guess
    /// among many must not reset a scanner's count).
    void succeeded(const QString& username);
    /// Forgets entries whose window has passed (called now and then).
    void prune(qint64 now);

private:
    struct Failures
    {
        int count = 0;
        qint64 firstMs = 0;
        qint64 lockedUntilMs = 0;
    };
    void note(Failures& entry, int limit, qint64 now) const;
    bool expired(const Failures& entry, qint64 now) const;

    Limits m_limits;
    QHash<QString, Failures> m_accounts;
    QHash<QHostAddress, Failures> m_addresses;
};

} // namespace palaver::server
