#pragma once

#include <QObject>
#include <QQmlEngine>

namespace palaver::qml {

/// Turns message text (plain Unicode with a small Markdown subset) into the limited rich text
/// a QML Text (StyledText) shows. Every piece of the message is HTML-escaped before any tag
/// goes in, so a message can never inject markup. Inline: **bold**, *italic* or _italic_,
/// `code`, ~~strike~~, http(s) and mailto links (no other scheme ever) and @mentions of
/// usernames. Blocks: ``` fenced code (monospace, nothing formatted inside), > quotes, and
/// bulleted (-, *, +) and numbered (1. or 1)) lists.
class Markup : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Rich text for a bubble; @username tokens are bold, tinted with mentionColor if given.
    /// Quotes get a bar in quoteColor.
    Q_INVOKABLE QString toRichText(const QString& text, const QString& mentionColor = {},
        const QString& linkColor = {}, const QString& quoteColor = {}) const;
    /// The text without Markdown markers, for one-line previews.
    Q_INVOKABLE QString toPlainText(const QString& text) const;
};

} // namespace palaver::qml
