#include "qml/helpers/clipboardupload.h"

#include "client/files/accountfiles.h"

#include <QBuffer>
#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace palaver::qml {

QList<QUrl> ClipboardUpload::localFiles(const QMimeData* mime)
{
    QList<QUrl> files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            files.append(url);
    }
    return files;
}

QByteArray ClipboardUpload::imageAsPng(const QMimeData* mime)
{
    if (!mime || !mime->hasImage())
        return {};
    const QImage image = qvariant_cast<QImage>(mime->imageData());
    if (image.isNull())
        return {};
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

bool ClipboardUpload::paste(palaver::client::AccountFiles* files, const QString& roomId) const
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    if (!files || !mime)
        return false;
    if (drop(files, roomId, localFiles(mime)) > 0)
        return true;
    const QByteArray png = imageAsPng(mime);
    if (png.isEmpty())
        return false;
    // A screenshot has no name of its own; the time makes it recognisable in the room.
    const QString name = u"Pasted image %1.png"_s.arg(
        QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH.mm.ss"_s));
    return files->uploadData(roomId, name, u"image/png"_s, png) > 0;
}

int ClipboardUpload::drop(
    palaver::client::AccountFiles* files, const QString& roomId, const QList<QUrl>& urls) const
{
    int count = 0;
    for (const QUrl& url : urls) {
        if (files && url.isLocalFile() && files->uploadFile(roomId, url) > 0)
            ++count;
    }
    return count;
}

} // namespace palaver::qml
