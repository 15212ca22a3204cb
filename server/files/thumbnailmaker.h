#pragma once
// Thumbnails of uploaded images: at most 320 px on the long side, aspect kept, as PNG. Decoding
// is bounded before any pixel is read (the image's header gives its size), so a small file
// that claims gigapixels (a decompression bomb) is refused, not allocated.
#include <QByteArray>
#include <QString>
#include <optional>

namespace palaver::server {

class ThumbnailMaker
{
public:
    static constexpr int kMaxSide = 320;
    /// Larger images are not thumbnailed (40 megapixels, 160 MB decoded; the reader's
    /// allocation limit is set to match).
    static constexpr qint64 kMaxSourcePixels = 40'000'000;

    /// True for the image types a thumbnail is made of (png, jpeg, gif, webp when Qt's
    /// plugin is installed, bmp).
    static bool supports(const QString& mime);
    /// Decodes the image at `sourcePath` scaled down (never up) and returns it as PNG;
    /// nullopt when it is no readable image of a supported type, or too large.
    static std::optional<QByteArray> make(const QString& sourcePath);
};

} // namespace palaver::server
