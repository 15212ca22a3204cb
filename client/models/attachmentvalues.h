#pragma once
// The `attachments` role of TimelineModel: the file objects of a message as QML reads them.
#include "shared/objects/fileinfo.h"

#include <QList>
#include <QVariantList>

namespace palaver::client {

/// File objects as [{fileId, name, mime, size, isImage}].
class AttachmentValues
{
public:
    /// Whether the server makes thumbnails of this type, so the UI shows it inline.
    static bool isImage(const QString& mime);
    static QVariantList of(const QList<FileInfo>& files);
    /// What a message reads as in previews and notifications: its text, or for a message
    /// with only files "📎 name" ("📎 name and 2 more").
    static QString summary(const QString& text, const QList<FileInfo>& files);
};

} // namespace palaver::client
