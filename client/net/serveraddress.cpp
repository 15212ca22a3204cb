#include "client/net/serveraddress.h"

using namespace Qt::StringLiterals;

namespace palaver::client {

ServerAddress ServerAddress::fromUserInput(const QString& input)
{
    QString text = input.trimmed();
    // Without a scheme QUrl reads "host:8765" as scheme "host"; plain ws is the default
    // because that is what palaver-server serves unless given a certificate.
    if (!text.contains(u"://"_s))
        text.prepend(u"ws://"_s);
    QUrl url(text, QUrl::StrictMode);
    ServerAddress address;
    if (!url.isValid() || url.host().isEmpty())
        return address;
    if (url.scheme() == u"http"_s)
        url.setScheme(u"ws"_s);
    else if (url.scheme() == u"https"_s)
        url.setScheme(u"wss"_s);
    if (url.scheme() != u"ws"_s && url.scheme() != u"wss"_s)
        return address;
    if (url.port() < 0)
        url.setPort(kDefaultPort);
    url.setPath(u"/v1"_s);
    url.setQuery(QString());
    url.setFragment(QString());
    url.setUserInfo(QString());
    address.m_url = url;
    return address;
}

QString ServerAddress::folderKey() const
{
    // Only characters that are safe in a file name on every desktop OS.
    QString host = m_url.host().toLower();
    for (QChar& c : host) {
        if (!c.isLetterOrNumber() && c != u'.' && c != u'-')
            c = u'-';
    }
    return host + u'_' + QString::number(m_url.port());
}

} // namespace palaver::client
