#include "server/net/httprequesthead.h"

#include <QList>

namespace palaver::server {

std::optional<HttpRequestHead> HttpRequestHead::parse(const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    if (lines.isEmpty())
        return std::nullopt;
    const QList<QByteArray> request = lines.first().trimmed().split(' ');
    if (request.size() != 3 || !request[2].startsWith("HTTP/1."))
        return std::nullopt;
    HttpRequestHead parsed;
    parsed.method = request[0];
    parsed.target = request[1];
    parsed.version = request[2];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        auto it = parsed.headers.find(name);
        if (it == parsed.headers.end())
            parsed.headers.insert(name, value);
        else
            *it += ", " + value; // repeated headers fold into one list (RFC 9110 5.3)
    }
    return parsed;
}

bool HttpRequestHead::headerHasToken(const QByteArray& lowerName, const QByteArray& token) const
{
    const QList<QByteArray> parts = header(lowerName).split(',');
    for (const QByteArray& part : parts) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray HttpRequestHead::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

} // namespace palaver::server
