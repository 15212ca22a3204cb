#include "qml/helpers/clipboard.h"

#include <QClipboard>
#include <QGuiApplication>

namespace palaver::qml {

void Clipboard::copy(const QString& text) const
{
    QGuiApplication::clipboard()->setText(text);
}

} // namespace palaver::qml
