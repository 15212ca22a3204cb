#include "client/files/accountfiles.h"

#include "client/outbox/outbox.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace palaver::client {

AccountFiles::AccountFiles(Connection& connection, QObject* parent)
    : QObject(parent)
    , m_endpoint(connection)
    , m_uploader(m_endpoint)
    , m_thumbnails(m_endpoint)
{
    connect(&m_endpoint, &FileEndpoint::maxUploadBytesChanged, this,
        &AccountFiles::maxUploadBytesChanged);
    connect(&m_uploader, &Uploader::uploaded, this, &AccountFiles::onUploaded);
}

AccountFiles::~AccountFiles()
{
    setSession(nullptr, {});
}

void AccountFiles::setSession(Outbox* outbox, const QString& accountFolder)
{
    if (outbox == m_outbox && accountFolder == m_folder)
        return;
    m_uploader.clear();
    qDeleteAll(m_downloads);
    m_downloads.clear();
    m_outbox = outbox;
    m_folder = accountFolder;
    m_thumbnails.setFolder(
        m_folder.isEmpty() ? QString() : QDir(m_folder).filePath(u"thumbnails"_s));
}

UploadListModel* AccountFiles::uploads(const QString& roomId)
{
    return m_uploader.model(roomId);
}

int AccountFiles::uploadFile(const QString& roomId, const QUrl& fileUrl, const QString& caption)
{
    if (!m_outbox || roomId.isEmpty())
        return 0;
    const QString path = fileUrl.isLocalFile() ? fileUrl.toLocalFile() : fileUrl.toString();
    return m_uploader.uploadFile(roomId, path, caption);
}

int AccountFiles::uploadData(const QString& roomId, const QString& name, const QString& mime,
    const QByteArray& data, const QString& caption)
{
    if (!m_outbox || roomId.isEmpty())
        return 0;
    return m_uploader.uploadData(roomId, name, mime, data, caption);
}

void AccountFiles::cancelUpload(int uploadId)
{
    m_uploader.cancel(uploadId);
}

void AccountFiles::retryUpload(int uploadId)
{
    m_uploader.retry(uploadId);
}

void AccountFiles::dismissUpload(int uploadId)
{
    m_uploader.dismiss(uploadId);
}

FileDownload* AccountFiles::download(const QString& fileId, const QString& name, qint64 size)
{
    if (m_folder.isEmpty() || fileId.isEmpty())
        return nullptr;
    FileDownload*& download = m_downloads[fileId];
    if (!download) {
        // files/<id>/<name>: the name as sent, in a folder of its own so names never clash.
        QString safe = QString(name).replace(u'\\', u'/').section(u'/', -1);
        if (safe.isEmpty() || safe == u"."_s || safe == u".."_s)
            safe = u"file"_s;
        const QString path =
            QDir(m_folder).filePath(u"files/"_s + ThumbnailCache::safeName(fileId) + u'/' + safe);
        download = new FileDownload(m_endpoint, fileId, size, path, this);
    }
    return download;
}

void AccountFiles::onUploaded(const QString& room, const FileInfo& file, const QString& caption)
{
    if (!m_outbox) {
        Q_EMIT errorOccurred(tr("Signed out before “%1” could be sent.").arg(file.name));
        return;
    }
    m_outbox->enqueue(room, caption, 0, {}, {file});
}

} // namespace palaver::client
