#include "qml/helpers/markup.h"

#include <QRegularExpression>

namespace palaver::qml {

namespace {

QString applyInline(const QString& escaped, const QString& mentionColor, const QString& linkColor)
{
    // Code spans first, and kept away from the other rules.
    static const QRegularExpression code(QStringLiteral("`([^`\\n]+)`"));
    static const QRegularExpression bold(QStringLiteral("\\*\\*(\\S(?:.*?\\S)?)\\*\\*"));
    static const QRegularExpression italicStar(
        QStringLiteral("(^|[\\s(])\\*(\\S(?:[^*]*?\\S)?)\\*(?=$|[\\s).,!?:;])"));
    static const QRegularExpression italicUnder(
        QStringLiteral("(^|[\\s(])_(\\S(?:[^_]*?\\S)?)_(?=$|[\\s).,!?:;])"));
    static const QRegularExpression strike(QStringLiteral("~~(\\S(?:.*?\\S)?)~~"));
    static const QRegularExpression link(QStringLiteral("\\b(https?://[^\\s<]+[^\\s<.,;:!?)\"'])"));
    static const QRegularExpression mention(QStringLiteral("(^|[\\s(])@([A-Za-z0-9_.-]+)"));

    QString out;
    qsizetype pos = 0;
    auto it = code.globalMatch(escaped);
    QStringList pieces;
    QList<bool> isCode;
    while (it.hasNext()) {
        const auto m = it.next();
        pieces.append(escaped.mid(pos, m.capturedStart() - pos));
        isCode.append(false);
        pieces.append(m.captured(1));
        isCode.append(true);
        pos = m.capturedEnd();
    }
    pieces.append(escaped.mid(pos));
    isCode.append(false);

    const QString linkStyle =
        linkColor.isEmpty() ? QString() : QStringLiteral(" style=\"color:%1\"").arg(linkColor);
    const QString mentionOpen = mentionColor.isEmpty()
        ? QStringLiteral("<b>")
        : QStringLiteral("<b><font color=\"%1\">").arg(mentionColor);
    const QString mentionClose =
        mentionColor.isEmpty() ? QStringLiteral("</b>") : QStringLiteral("</font></b>");

    for (qsizetype i = 0; i < pieces.size(); ++i) {
        QString piece = pieces.at(i);
        if (isCode.at(i)) {
            out += QStringLiteral("<code>") + piece + QStringLiteral("</code>");
            continue;
        }
        piece.replace(link, QStringLiteral("<a href=\"\\1\"%1>\\1</a>").arg(linkStyle));
        piece.replace(bold, QStringLiteral("<b>\\1</b>"));
        piece.replace(italicStar, QStringLiteral("\\1<i>\\2</i>"));
        piece.replace(italicUnder, QStringLiteral("\\1<i>\\2</i>"));
        piece.replace(strike, QStringLiteral("<s>\\1</s>"));
        piece.replace(
            mention, QStringLiteral("\\1") + mentionOpen + QStringLiteral("@\\2") + mentionClose);
        out += piece;
    }
    return out;
}

} // namespace

QString Markup::toRichText(
    const QString& text, const QString& mentionColor, const QString& linkColor) const
{
    QString escaped = text.toHtmlEscaped();
    QString rich = applyInline(escaped, mentionColor, linkColor);
    rich.replace(u'\n', QStringLiteral("<br>"));
    return rich;
}

QString Markup::toPlainText(const QString& text) const
{
    static const QRegularExpression markers(
        QStringLiteral("\\*\\*(?=\\S)|(?<=\\S)\\*\\*|~~(?=\\S)|(?<=\\S)~~|`"));
    QString plain = text;
    plain.replace(markers, QString());
    plain.replace(u'\n', u' ');
    return plain;
}

} // namespace palaver::qml
