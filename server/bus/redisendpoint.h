#pragma once
// Where a Redis server is and how to log in to it, parsed from a redis:// URL.
#include <QString>
#include <optional>

namespace palaver::server {
/// One Redis server; `user` is only for Redis 6 ACL logins (AUTH user password).
struct RedisEndpoint
{
    QString host;
    quint16 port = 6379;
    QString password;
    QString user;
};

/// redis://HOST:PORT or redis://:PASSWORD@HOST:PORT (also user:password) → endpoint; nullopt
/// when not such a URL. User and password are percent-decoded; a path other than "/", a query
/// or a fragment is refused rather than ignored (there is no database selection).
std::optional<RedisEndpoint> parseRedisUrl(const QString& url);
} // namespace palaver::server
