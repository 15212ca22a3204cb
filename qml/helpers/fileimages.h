#pragma once

#include <QObject>
#include <QQmlEngine>

namespace palaver::client {
class Account;
}

namespace palaver::qml {

/// Installs the account's image://palaver-thumb/ provider on the QML engine (an image
/// provider belongs to the engine, the account to the window's QML).
class FileImages : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Serves image://palaver-thumb/<file_id> from `account`'s thumbnails; once per engine.
    Q_INVOKABLE void attach(palaver::client::Account* account);
    /// "image://palaver-thumb/<file_id>"
    Q_INVOKABLE QUrl thumbnailUrl(const QString& fileId) const;
};

} // namespace palaver::qml
