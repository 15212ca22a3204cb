#include "qml/helpers/thumbnailprovider.h"

#include "client/files/thumbnailcache.h"

#include <QImage>
#include <QImageReader>

namespace palaver::qml {
namespace {

/// One thumbnail request: lives on the cache's (main) thread, answers once.
class ThumbnailResponse : public QQuickImageResponse
{
public:
    ThumbnailResponse(const QString& fileId, const QSize& requestedSize)
        : m_fileId(fileId)
        , m_requestedSize(requestedSize)
    { }

    /// Runs on the cache's thread: asks the cache and waits for its answer.
    void fetch(palaver::client::ThumbnailCache* cache)
    {
        if (!cache) {
            finish({}, QStringLiteral("Signed out."));
            return;
        }
        m_ready = connect(cache, &palaver::client::ThumbnailCache::ready, this,
            [this](const QString& fileId, const QString& path) {
                if (fileId == m_fileId)
                    load(path);
            });
        m_failed = connect(cache, &palaver::client::ThumbnailCache::failed, this,
            [this](const QString& fileId, const QString& error) {
                if (fileId == m_fileId)
                    finish({}, error);
            });
        cache->request(m_fileId);
    }

    QQuickTextureFactory* textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override { return m_error; }

private:
    void load(const QString& path)
    {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        if (m_requestedSize.isValid() && !m_requestedSize.isEmpty()) {
            const QSize size = reader.size();
            if (size.isValid())
                reader.setScaledSize(size.scaled(m_requestedSize, Qt::KeepAspectRatio));
        }
        const QImage image = reader.read();
        finish(image, image.isNull() ? reader.errorString() : QString());
    }

    void finish(const QImage& image, const QString& error)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_image = image;
        m_error = error;
        // Only the cache's signals: the loader listens to finished().
        QObject::disconnect(m_ready);
        QObject::disconnect(m_failed);
        Q_EMIT finished();
    }

    QString m_fileId;
    QSize m_requestedSize;
    QImage m_image;
    QString m_error;
    bool m_finished = false;
    QMetaObject::Connection m_ready;
    QMetaObject::Connection m_failed;
};

} // namespace

ThumbnailProvider::ThumbnailProvider(palaver::client::ThumbnailCache* cache)
    : m_cache(cache)
{ }

QQuickImageResponse* ThumbnailProvider::requestImageResponse(
    const QString& id, const QSize& requestedSize)
{
    auto* response = new ThumbnailResponse(id, requestedSize);
    // Called on the image loader's thread; the cache and its network live on the main one.
    QPointer<palaver::client::ThumbnailCache> cache = m_cache;
    if (!cache) {
        // Queued: finished() must come after the loader connected to it.
        QMetaObject::invokeMethod(
            response, [response] { response->fetch(nullptr); }, Qt::QueuedConnection);
        return response;
    }
    response->moveToThread(cache->thread());
    QMetaObject::invokeMethod(
        cache, [response, cache] { response->fetch(cache); }, Qt::QueuedConnection);
    return response;
}

} // namespace palaver::qml
