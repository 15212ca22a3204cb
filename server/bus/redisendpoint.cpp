#include "server/bus/redisendpoint.h"

#include <QUrl>

namespace palaver::server {
std::optional<RedisEndpoint> parseRedisUrl(const QString& url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.scheme() != QLatin1String("redis") || parsed.host().isEmpty())
        return std::nullopt;
    if ((!parsed.path().isEmpty() && parsed.path() != QLatin1String("/")) || parsed.hasQuery() ||
        parsed.hasFragment())
        return std::nullopt;
    // QUrl already refuses ports above 65535; 0 is no port to connect to.
    const int port = parsed.port(6379);
    if (port <= 0)
        return std::nullopt;
    RedisEndpoint endpoint;
    endpoint.host = parsed.host();
    endpoint.port = quint16(port);
    endpoint.user = parsed.userName(QUrl::FullyDecoded);
    endpoint.password = parsed.password(QUrl::FullyDecoded);
    // "redis://word@host" could mean a user or a password; guessing wrong would fail the login
    // with a confusing error much later, so it is refused here.
    if (!endpoint.user.isEmpty() && endpoint.password.isEmpty())
        return std::nullopt;
    return endpoint;
}
} // namespace palaver::server
