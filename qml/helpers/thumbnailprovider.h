#pragma once
// image://palaver-thumb/<file_id>: thumbnails of image attachments for Image items. They need
// the account's token, so they cannot be plain URLs; the account's ThumbnailCache fetches them
// once and keeps them on disk, and this provider only reads the cached file.
#include <QPointer>
#include <QQuickImageProvider>

namespace palaver::client {
class ThumbnailCache;
}

namespace palaver::qml {

/// The async provider behind image://palaver-thumb/.
class ThumbnailProvider : public QQuickAsyncImageProvider
{
public:
    static constexpr auto kProviderId = "palaver-thumb";

    explicit ThumbnailProvider(palaver::client::ThumbnailCache* cache);

    QQuickImageResponse* requestImageResponse(
        const QString& id, const QSize& requestedSize) override;

private:
    QPointer<palaver::client::ThumbnailCache> m_cache;
};

} // namespace palaver::qml
