#include "client/search/searchhighlighter.h"

#include "shared/searchwords.h"

#include <QList>
#include <algorithm>

namespace palaver::client {
namespace {

struct Span
{
    qsizetype start;
    qsizetype length;
};

bool isMark(QChar c)
{
    const QChar::Category cat = c.category();
    return cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining ||
        cat == QChar::Mark_Enclosing;
}

/// The code point at `i` and how many UTF-16 units it takes.
char32_t codePointAt(QStringView text, qsizetype i, qsizetype* units)
{
    if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
        *units = 2;
        return QChar::surrogateToUcs4(text[i], text[i + 1]);
    }
    *units = 1;
    return text[i].unicode();
}

/// How many characters of `word` (from its start) fold to at least `foldedLength` characters.
qsizetype originalLength(QStringView word, qsizetype foldedLength)
{
    qsizetype folded = 0;
    qsizetype i = 0;
    while (i < word.size() && folded < foldedLength) {
        // Surrogate pairs fold as one character.
        const qsizetype step = word[i].isHighSurrogate() && i + 1 < word.size() ? 2 : 1;
        folded += SearchHighlighter::fold(word.mid(i, step).toString()).size();
        i += step;
    }
    // Combining marks after the matched part belong to its last letter.
    while (i < word.size() && isMark(word[i]))
        ++i;
    return i;
}

QList<Span> matches(const QString& text, const QStringList& terms)
{
    QList<Span> spans;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype units = 1;
        if (!isSearchWordChar(codePointAt(text, i, &units))) {
            i += units;
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && isSearchWordChar(codePointAt(text, end, &units)))
            end += units;
        const QStringView word = QStringView(text).mid(i, end - i);
        const QString folded = SearchHighlighter::fold(word.toString());
        qsizetype longest = 0;
        for (qsizetype t = 0; t < terms.size(); ++t) {
            const QString& term = terms[t];
            const bool last = t == terms.size() - 1;
            if (last ? folded.startsWith(term) : folded == term)
                longest = std::max(longest, last ? term.size() : folded.size());
        }
        if (longest > 0)
            spans.append({i, originalLength(word, longest)});
        i = end;
    }
    return spans;
}

} // namespace

QString SearchHighlighter::fold(const QString& text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c);
    }
    return out.toCaseFolded();
}

QStringList SearchHighlighter::terms(const QString& query)
{
    // Words are cut from the query as typed (as the server does), then folded.
    QStringList result;
    QString current;
    const auto flush = [&] {
        const QString folded = fold(current);
        if (!folded.isEmpty())
            result.append(folded);
        current.clear();
    };
    for (qsizetype i = 0; i < query.size();) {
        qsizetype units = 1;
        if (isSearchWordChar(codePointAt(query, i, &units)))
            current += QStringView(query).mid(i, units);
        else if (!current.isEmpty())
            flush();
        i += units;
    }
    if (!current.isEmpty())
        flush();
    return result;
}

QString SearchHighlighter::highlight(const QString& text, const QStringList& terms,
    const QString& open, const QString& close, int maxChars)
{
    const QList<Span> spans = matches(text, terms);
    qsizetype from = 0;
    qsizetype to = text.size();
    if (text.size() > maxChars) {
        // A window around the first match, a quarter of it before the match.
        const qsizetype anchor = spans.isEmpty() ? 0 : spans.first().start;
        from = std::max<qsizetype>(0, anchor - maxChars / 4);
        to = std::min<qsizetype>(text.size(), from + maxChars);
        from = std::max<qsizetype>(0, to - maxChars);
        // Never cut a surrogate pair in two.
        if (from > 0 && text[from].isLowSurrogate())
            ++from;
        if (to < text.size() && text[to].isLowSurrogate())
            ++to;
    }
    QString out;
    if (from > 0)
        out += QStringLiteral("…");
    qsizetype pos = from;
    for (const Span& span : spans) {
        const qsizetype start = std::max(span.start, pos);
        const qsizetype end = std::min(span.start + span.length, to);
        if (end <= start)
            continue;
        out += text.mid(pos, start - pos).toHtmlEscaped();
        out += open + text.mid(start, end - start).toHtmlEscaped() + close;
        pos = end;
    }
    if (pos < to)
        out += text.mid(pos, to - pos).toHtmlEscaped();
    if (to < text.size())
        out += QStringLiteral("…");
    return out;
}

} // namespace palaver::client
