#pragma once
// account.files: everything about attachments for the UI. Uploads that finish become
// messages through the outbox (idempotent, resent after reconnects and restarts); downloads
// and thumbnails land in the account folder.
#include "client/files/filedownload.h"
#include "client/files/fileendpoint.h"
#include "client/files/thumbnailcache.h"
#include "client/files/uploader.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace palaver::client {

class Connection;
class Outbox;

/// The attachment side of one Account (CLIENT-API.md "AccountFiles").
class AccountFiles : public QObject
{
    Q_OBJECT
    Q_PROPERTY(qint64 maxUploadBytes READ maxUploadBytes NOTIFY maxUploadBytesChanged)
public:
    explicit AccountFiles(Connection& connection, QObject* parent = nullptr);
    ~AccountFiles() override;

    /// The signed-in account's outbox and folder (null/empty while signed out: every upload
    /// and download stops, and nothing starts).
    void setSession(Outbox* outbox, const QString& accountFolder);

    qint64 maxUploadBytes() const { return m_endpoint.maxUploadBytes(); }
    FileEndpoint& endpoint() { return m_endpoint; }
    Uploader& uploader() { return m_uploader; }
    ThumbnailCache& thumbnails() { return m_thumbnails; }

    /// The uploads of a room for the rows above its composer.
    Q_INVOKABLE palaver::client::UploadListModel* uploads(const QString& roomId);
    /// Uploads a local file (a file:// URL from a dialog, a drop or the clipboard); when it is
    /// stored it goes out as a message with `caption` as its text. Returns the upload id, or 0.
    Q_INVOKABLE int uploadFile(
        const QString& roomId, const QUrl& fileUrl, const QString& caption = {});
    /// Uploads bytes (a pasted image, as PNG) as a file called `name`.
    Q_INVOKABLE int uploadData(const QString& roomId, const QString& name, const QString& mime,
        const QByteArray& data, const QString& caption = {});
    Q_INVOKABLE void cancelUpload(int uploadId);
    Q_INVOKABLE void retryUpload(int uploadId);
    Q_INVOKABLE void dismissUpload(int uploadId);
    /// The download of an attachment (one object per file id, owned here): bind a file card
    /// to its state and progress, call start() / cancel() / saveAs().
    Q_INVOKABLE palaver::client::FileDownload* download(
        const QString& fileId, const QString& name, qint64 size);
    /// "3.4 MiB": a size in the words the UI shows.
    Q_INVOKABLE QString formatSize(qint64 bytes) const { return FileEndpoint::formatSize(bytes); }

Q_SIGNALS:
    void maxUploadBytesChanged();
    /// An upload could not become a message, or failed (for a toast).
    void errorOccurred(const QString& message);

private:
    void onUploaded(const QString& room, const palaver::FileInfo& file, const QString& caption);

    FileEndpoint m_endpoint;
    Uploader m_uploader;
    ThumbnailCache m_thumbnails;
    QPointer<Outbox> m_outbox;
    QString m_folder;
    QHash<QString, FileDownload*> m_downloads;
};

} // namespace palaver::client
