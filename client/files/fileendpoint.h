#pragma once
// The HTTP side of the server for files (protocol "Rich messaging → Attachments"): the same
// host and port as the account's WebSocket, http for ws and https for wss, the account's
// token as a Bearer header and the same certificate trust as the WebSocket, so a pinned
// self-signed certificate works here too and a changed one is refused before the token goes.
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

class QIODevice;
class QNetworkReply;

namespace palaver::client {

class Connection;

/// One QNetworkAccessManager per account, for uploads, downloads and thumbnails.
class FileEndpoint : public QObject
{
    Q_OBJECT
public:
    /// The upload limit the contract names as the default.
    static constexpr qint64 kDefaultMaxUploadBytes = 25LL * 1024 * 1024;

    explicit FileEndpoint(Connection& connection, QObject* parent = nullptr);

    /// http(s)://HOST:PORT for a ws(s)://HOST:PORT/… URL (empty for anything else).
    static QUrl httpBase(const QUrl& webSocketUrl);
    /// GET /v1/files/ID or /v1/files/ID/thumbnail.
    QNetworkReply* get(const QString& fileId, bool thumbnail = false);
    /// POST /v1/files with `body` (open, `size` bytes) as the raw body.
    QNetworkReply* post(QIODevice* body, qint64 size, const QString& name, const QString& mime);

    /// The largest file the server takes (the default until a 413 says otherwise).
    qint64 maxUploadBytes() const { return m_maxUploadBytes; }
    void setMaxUploadBytes(qint64 bytes);

    /// "12.3 MiB", "640 KiB", "12 bytes": sizes in the words the UI shows.
    static QString formatSize(qint64 bytes);

Q_SIGNALS:
    void maxUploadBytesChanged();

private:
    QNetworkRequest request(const QString& path) const;
    /// Pin checks for https replies: the pinned chain's errors are ignored, any other
    /// certificate than the pinned one is refused at the handshake, before the request goes.
    void guard(QNetworkReply* reply);

    Connection& m_connection;
    QNetworkAccessManager m_network;
    qint64 m_maxUploadBytes = kDefaultMaxUploadBytes;
};

} // namespace palaver::client
