#pragma once

#include <QObject>
#include <QQmlEngine>

namespace palaver::qml {

/// Turns message text (plain Unicode with a small Markdown subset) into the limited rich text
/// a QML Text shows. Everything is HTML-escaped first, so a message can never inject markup;
/// then **bold**, *italic* or _italic_, `code`, ~~strike~~, http(s) links and @mentions of
/// usernames get their tags.
class Markup : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Rich text for a bubble; @username tokens are bold, tinted with mentionColor if given.
    Q_INVOKABLE QString toRichText(
        const QString& text, const QString& mentionColor = {}, const QString& linkColor = {}) const;
    /// The text without Markdown markers, for one-line previews.
    Q_INVOKABLE QString toPlainText(const QString& text) const;
};

} // namespace palaver::qml
