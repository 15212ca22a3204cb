#include "qml/helpers/markup.h"

#include <QRegularExpression>

namespace palaver::qml {

namespace {

// Only these schemes ever become links; `javascript:`, `data:` and the rest stay text. The
// match runs on the raw text, so an entity like &quot; is never cut in half.
const QRegularExpression& linkPattern()
{
    static const QRegularExpression link(
        QStringLiteral("(?<![\\w@/])((?:https?://[^\\s<>\"`]+|mailto:[^\\s<>\"`@/]+@[^\\s<>\"`]+)"
                       "(?<![.,;:!?)'\\]*_~]))"),
        QRegularExpression::CaseInsensitiveOption);
    return link;
}

/// Bold, italic, strike and mentions on text that is HTML-escaped already.
QString applyEmphasis(QString piece, const QString& mentionOpen, const QString& mentionClose)
{
    static const QRegularExpression bold(QStringLiteral("\\*\\*(\\S(?:.*?\\S)?)\\*\\*"));
    static const QRegularExpression italicStar(
        QStringLiteral("(^|[\\s(])\\*(\\S(?:[^*]*?\\S)?)\\*(?=$|[\\s).,!?:;])"));
    static const QRegularExpression italicUnder(
        QStringLiteral("(^|[\\s(])_(\\S(?:[^_]*?\\S)?)_(?=$|[\\s).,!?:;])"));
    static const QRegularExpression strike(QStringLiteral("~~(\\S(?:.*?\\S)?)~~"));
    static const QRegularExpression mention(QStringLiteral("(^|[\\s(])@([A-Za-z0-9_.-]+)"));
    piece.replace(bold, QStringLiteral("<b>\\1</b>"));
    piece.replace(italicStar, QStringLiteral("\\1<i>\\2</i>"));
    piece.replace(italicUnder, QStringLiteral("\\1<i>\\2</i>"));
    piece.replace(strike, QStringLiteral("<s>\\1</s>"));
    piece.replace(
        mention, QStringLiteral("\\1") + mentionOpen + QStringLiteral("@\\2") + mentionClose);
    return piece;
}

/// Colours of the tags Markup adds (empty: the Text's own colour).
struct Style
{
    QString mention;
    QString link;
    QString quote;
};

/// One line's inline Markdown: code spans and links are cut out first and kept away from the
/// other rules; every piece is escaped before a tag goes in.
QString applyInline(const QString& raw, const Style& style)
{
    static const QRegularExpression code(QStringLiteral("`([^`\\n]+)`"));
    const QString linkStyle =
        style.link.isEmpty() ? QString() : QStringLiteral(" style=\"color:%1\"").arg(style.link);
    const QString mentionOpen = style.mention.isEmpty()
        ? QStringLiteral("<b>")
        : QStringLiteral("<b><font color=\"%1\">").arg(style.mention);
    const QString mentionClose =
        style.mention.isEmpty() ? QStringLiteral("</b>") : QStringLiteral("</font></b>");

    const auto textAndLinks = [&](const QString& text) {
        QString out;
        qsizetype pos = 0;
        auto it = linkPattern().globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            out += applyEmphasis(
                text.mid(pos, m.capturedStart() - pos).toHtmlEscaped(), mentionOpen, mentionClose);
            const QString url = m.captured(1).toHtmlEscaped();
            out += QStringLiteral("<a href=\"%1\"%2>%1</a>").arg(url, linkStyle);
            pos = m.capturedEnd();
        }
        out += applyEmphasis(text.mid(pos).toHtmlEscaped(), mentionOpen, mentionClose);
        return out;
    };

    QString out;
    qsizetype pos = 0;
    auto it = code.globalMatch(raw);
    while (it.hasNext()) {
        const auto m = it.next();
        out += textAndLinks(raw.mid(pos, m.capturedStart() - pos));
        out += QStringLiteral("<code>") + m.captured(1).toHtmlEscaped() + QStringLiteral("</code>");
        pos = m.capturedEnd();
    }
    out += textAndLinks(raw.mid(pos));
    return out;
}

bool isFence(const QString& line)
{
    return line.trimmed().startsWith(QStringLiteral("```"));
}

/// Builds the rich text block by block: lines of one paragraph are joined with <br>, code
/// blocks, quotes and lists are blocks of their own.
class BlockWriter
{
public:
    void line(const QString& html)
    {
        if (m_lastWasLine)
            m_out += QStringLiteral("<br>");
        m_out += html;
        m_lastWasLine = true;
    }
    void block(const QString& html)
    {
        m_out += html;
        m_lastWasLine = false;
    }
    QString result() const { return m_out; }

private:
    QString m_out;
    bool m_lastWasLine = false;
};

} // namespace

QString Markup::toRichText(const QString& text, const QString& mentionColor,
    const QString& linkColor, const QString& quoteColor) const
{
    static const QRegularExpression bullet(QStringLiteral("^\\s{0,3}[-*+]\\s+(\\S.*)$"));
    static const QRegularExpression numbered(QStringLiteral("^\\s{0,3}\\d{1,9}[.)]\\s+(\\S.*)$"));
    static const QRegularExpression quote(QStringLiteral("^\\s{0,3}>\\s?(.*)$"));
    const Style style {mentionColor, linkColor, quoteColor};
    const QStringList lines = text.split(u'\n');
    BlockWriter out;
    const QString quoteBar = quoteColor.isEmpty()
        ? QStringLiteral("▎ ")
        : QStringLiteral("<font color=\"%1\">▎</font> ").arg(quoteColor.toHtmlEscaped());

    for (qsizetype i = 0; i < lines.size();) {
        const QString& line = lines[i];
        if (isFence(line)) {
            // Fenced code: monospace, kept verbatim (escaped, never formatted) up to the
            // closing fence or the end of the message.
            QStringList body;
            for (++i; i < lines.size() && !isFence(lines[i]); ++i)
                body.append(lines[i].toHtmlEscaped());
            ++i; // the closing fence
            out.block(QStringLiteral("<pre>") + body.join(QStringLiteral("<br>")) +
                QStringLiteral("</pre>"));
            continue;
        }
        if (quote.match(line).hasMatch()) {
            QStringList quoted;
            for (; i < lines.size(); ++i) {
                const auto m = quote.match(lines[i]);
                if (!m.hasMatch() || isFence(lines[i]))
                    break;
                quoted.append(quoteBar + QStringLiteral("<i>") + applyInline(m.captured(1), style) +
                    QStringLiteral("</i>"));
            }
            out.block(QStringLiteral("<p>") + quoted.join(QStringLiteral("<br>")) +
                QStringLiteral("</p>"));
            continue;
        }
        const bool isBullet = bullet.match(line).hasMatch();
        if (isBullet || numbered.match(line).hasMatch()) {
            const QRegularExpression& item = isBullet ? bullet : numbered;
            QString list = isBullet ? QStringLiteral("<ul>") : QStringLiteral("<ol>");
            for (; i < lines.size(); ++i) {
                const auto m = item.match(lines[i]);
                if (!m.hasMatch())
                    break;
                list += QStringLiteral("<li>") + applyInline(m.captured(1), style) +
                    QStringLiteral("</li>");
            }
            list += isBullet ? QStringLiteral("</ul>") : QStringLiteral("</ol>");
            out.block(list);
            continue;
        }
        out.line(applyInline(line, style));
        ++i;
    }
    return out.result();
}

QString Markup::toPlainText(const QString& text) const
{
    static const QRegularExpression markers(
        QStringLiteral("\\*\\*(?=\\S)|(?<=\\S)\\*\\*|~~(?=\\S)|(?<=\\S)~~|`"));
    static const QRegularExpression lineMarkers(
        QStringLiteral("^\\s{0,3}(?:>\\s?|[-*+]\\s+(?=\\S)|\\d{1,9}[.)]\\s+(?=\\S))"),
        QRegularExpression::MultilineOption);
    QString plain = text;
    plain.replace(lineMarkers, QString());
    plain.replace(markers, QString());
    plain.replace(u'\n', u' ');
    return plain.simplified();
}

} // namespace palaver::qml
