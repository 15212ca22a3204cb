#include "client/files/fileendpoint.h"

#include "client/logging.h"
#include "client/net/certificatecheck.h"
#include "client/net/connection.h"

#include <QNetworkReply>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

namespace palaver::client {

FileEndpoint::FileEndpoint(Connection& connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
{
    // Connections are kept per host and port; replies are never cached in memory by Qt.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QUrl FileEndpoint::httpBase(const QUrl& webSocketUrl)
{
    QUrl url;
    if (webSocketUrl.scheme() == u"ws"_s)
        url.setScheme(u"http"_s);
    else if (webSocketUrl.scheme() == u"wss"_s)
        url.setScheme(u"https"_s);
    else
        return {};
    url.setHost(webSocketUrl.host());
    url.setPort(webSocketUrl.port());
    return url;
}

QNetworkRequest FileEndpoint::request(const QString& path) const
{
    QUrl url = httpBase(m_connection.url());
    url.setPath(path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_connection.token().toUtf8());
    // The server's HTTP side speaks HTTP/1.1; no upgrade attempts.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

QNetworkReply* FileEndpoint::get(const QString& fileId, bool thumbnail)
{
    const QString path = u"/v1/files/"_s + QString::fromLatin1(QUrl::toPercentEncoding(fileId)) +
        (thumbnail ? u"/thumbnail"_s : QString());
    QNetworkReply* reply = m_network.get(request(path));
    guard(reply);
    return reply;
}

QNetworkReply* FileEndpoint::post(
    QIODevice* body, qint64 size, const QString& name, const QString& mime)
{
    QNetworkRequest r = request(u"/v1/files"_s);
    r.setHeader(QNetworkRequest::ContentTypeHeader, mime);
    r.setHeader(QNetworkRequest::ContentLengthHeader, size);
    r.setRawHeader("X-Filename", QUrl::toPercentEncoding(name));
    QNetworkReply* reply = m_network.post(r, body);
    guard(reply);
    return reply;
}

void FileEndpoint::guard(QNetworkReply* reply)
{
    const QUrl url = m_connection.url();
    if (url.scheme() != u"wss"_s)
        return;
    const CertificatePin pin = m_connection.certificatePins().pin(CertificatePins::serverKey(url));
    if (pin.chain.isEmpty())
        return; // the system's CAs decide, as for the WebSocket
    reply->ignoreSslErrors(CertificateCheck::ignorableErrors(pin.chain));
    const QByteArray pinned = pin.digest();
    // "encrypted" comes after the handshake and before any request byte (and the token).
    connect(reply, &QNetworkReply::encrypted, reply, [reply, pinned] {
        if (CertificateCheck::digest(reply->sslConfiguration().peerCertificate()) != pinned) {
            qCWarning(lcClientNet) << "file transfer refused: the server certificate changed";
            reply->abort();
        }
    });
}

void FileEndpoint::setMaxUploadBytes(qint64 bytes)
{
    if (bytes <= 0 || bytes == m_maxUploadBytes)
        return;
    m_maxUploadBytes = bytes;
    Q_EMIT maxUploadBytesChanged();
}

QString FileEndpoint::formatSize(qint64 bytes)
{
    constexpr double kKiB = 1024.0;
    if (bytes < 1024)
        return bytes == 1 ? u"1 byte"_s : u"%1 bytes"_s.arg(bytes);
    if (bytes < 1024 * 1024)
        return u"%1 KiB"_s.arg(qRound(double(bytes) / kKiB));
    const double mib = double(bytes) / (kKiB * kKiB);
    // Whole MiB without a decimal ("25 MiB"), else one decimal ("3.4 MiB").
    return mib == double(qint64(mib)) ? u"%1 MiB"_s.arg(qint64(mib))
                                      : u"%1 MiB"_s.arg(mib, 0, 'f', 1);
}

} // namespace palaver::client
