#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QUrl>

class QMimeData;

namespace palaver::client {
class AccountFiles;
}

namespace palaver::qml {

/// What a paste (Ctrl+V) or a drop uploads: local files as themselves, an image as a PNG.
class ClipboardUpload : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Uploads what the clipboard holds to `roomId`: local files, else an image (as PNG).
    /// False when it holds neither (the text field pastes text as usual).
    Q_INVOKABLE bool paste(palaver::client::AccountFiles* files, const QString& roomId) const;
    /// Uploads the local files among dropped `urls`; returns how many.
    Q_INVOKABLE int drop(
        palaver::client::AccountFiles* files, const QString& roomId, const QList<QUrl>& urls) const;

    /// The local files of `mime` (empty when none), then its image as PNG bytes.
    static QList<QUrl> localFiles(const QMimeData* mime);
    static QByteArray imageAsPng(const QMimeData* mime);
};

} // namespace palaver::qml
