#include "server/storage/postgresurl.h"

#include <QUrl>

namespace palaver::server {

std::optional<PostgresUrl> PostgresUrl::parse(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql" && url.scheme() != u"postgres"))
        return std::nullopt;
    PostgresUrl parsed;
    parsed.user = url.userName(QUrl::FullyDecoded);
    parsed.password = url.password(QUrl::FullyDecoded);
    parsed.host = url.host(QUrl::FullyDecoded);
    parsed.port = url.port(5432);
    parsed.database = url.path(QUrl::FullyDecoded).mid(1);
    if (parsed.host.isEmpty() || parsed.database.isEmpty() || parsed.database.contains(u'/'))
        return std::nullopt;
    return parsed;
}

QString PostgresUrl::description() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u'/' + database);
    return url.toString();
}

} // namespace palaver::server
