#include "server/files/thumbnailmaker.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>

namespace palaver::server {

bool ThumbnailMaker::supports(const QString& mime)
{
    static const QStringList types = [] {
        QStringList wanted {QStringLiteral("image/png"), QStringLiteral("image/jpeg"),
            QStringLiteral("image/gif"), QStringLiteral("image/bmp")};
        // WebP needs qt6-image-formats-plugins; without it WebP files are just files.
        if (QImageReader::supportedMimeTypes().contains("image/webp"))
            wanted.append(QStringLiteral("image/webp"));
        return wanted;
    }();
    return types.contains(mime);
}

std::optional<QByteArray> ThumbnailMaker::make(const QString& sourcePath)
{
    QImageReader reader(sourcePath);
    reader.setDecideFormatFromContent(true);
    // Photos from phones are stored sideways with an EXIF orientation: show them upright.
    reader.setAutoTransform(true);
    // MiB; 4 bytes a pixel. QImageReader refuses to allocate past it whatever the header says.
    reader.setAllocationLimit(int(kMaxSourcePixels * 4 / (1024 * 1024)));
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty() ||
        qint64(size.width()) * size.height() > kMaxSourcePixels)
        return std::nullopt;
    QSize scaled = size;
    if (std::max(size.width(), size.height()) > kMaxSide)
        scaled = size.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio);
    scaled = scaled.expandedTo(QSize(1, 1));
    // Handlers that decode at a reduced size (JPEG) do so; the others scale after decoding.
    reader.setScaledSize(scaled);
    reader.setQuality(75); // smooth scaling where the handler scales
    const QImage image = reader.read();
    if (image.isNull())
        return std::nullopt;
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return std::nullopt;
    return png;
}

} // namespace palaver::server
