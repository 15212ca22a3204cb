#include "qml/helpers/fileimages.h"

#include "client/account.h"
#include "qml/helpers/thumbnailprovider.h"

namespace palaver::qml {

void FileImages::attach(palaver::client::Account* account)
{
    QQmlEngine* engine = qmlEngine(this);
    const QString id = QString::fromLatin1(ThumbnailProvider::kProviderId);
    if (!engine || !account || engine->imageProvider(id))
        return;
    engine->addImageProvider(id, new ThumbnailProvider(&account->files()->thumbnails()));
}

QUrl FileImages::thumbnailUrl(const QString& fileId) const
{
    return QUrl(QStringLiteral("image://%1/%2")
                    .arg(QString::fromLatin1(ThumbnailProvider::kProviderId),
                        QString::fromLatin1(QUrl::toPercentEncoding(fileId))));
}

} // namespace palaver::qml
