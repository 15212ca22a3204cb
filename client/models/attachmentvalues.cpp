#include "client/models/attachmentvalues.h"

#include <QCoreApplication>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace palaver::client {

bool AttachmentValues::isImage(const QString& mime)
{
    // Raster formats only: an SVG is a document (scripts, external references), not a photo.
    static const QStringList kImages {
        u"image/png"_s, u"image/jpeg"_s, u"image/gif"_s, u"image/webp"_s, u"image/bmp"_s};
    return kImages.contains(mime.toLower());
}

QVariantList AttachmentValues::of(const QList<FileInfo>& files)
{
    QVariantList values;
    for (const FileInfo& file : files) {
        values.append(QVariantMap {{u"fileId"_s, file.fileId}, {u"name"_s, file.name},
            {u"mime"_s, file.mime}, {u"size"_s, file.size}, {u"isImage"_s, isImage(file.mime)}});
    }
    return values;
}

QString AttachmentValues::summary(const QString& text, const QList<FileInfo>& files)
{
    if (!text.isEmpty() || files.isEmpty())
        return text;
    const QString first = u"📎 "_s + files.first().name;
    if (files.size() == 1)
        return first;
    return QCoreApplication::translate(
        "AttachmentValues", "%1 and %n more", nullptr, int(files.size() - 1))
        .arg(first);
}

} // namespace palaver::client
