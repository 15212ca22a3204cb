#pragma once

#include <QObject>
#include <QQmlEngine>

namespace palaver::qml {

/// The system clipboard for the message menu's Copy (QML has no clipboard API of its own).
class Clipboard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Puts plain text on the clipboard.
    Q_INVOKABLE void copy(const QString& text) const;
};

} // namespace palaver::qml
