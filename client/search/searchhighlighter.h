#pragma once
// Marks the words of a message that a search query matched, the way the server matches them
// (server/storage/searchquery.h): case and diacritics ignored, every query word but the last
// matches whole words, the last one (still being typed) the start of a word.
#include <QString>
#include <QStringList>

namespace palaver::client {

/// Search-result text: the matched words tagged, everything else HTML-escaped.
class SearchHighlighter
{
public:
    /// The query's words (runs of letters, digits and marks), folded (see fold()), in order.
    static QStringList terms(const QString& query);
    /// Case- and diacritic-free form of `text`: NFKD, combining marks dropped, case-folded.
    static QString fold(const QString& text);

    /// `text` HTML-escaped, with every word a term matches wrapped in `open` and `close` (the
    /// last term: just the matched start of the word). Longer texts are cut to about `maxChars`
    /// around the first match ("…").
    static QString highlight(const QString& text, const QStringList& terms, const QString& open,
        const QString& close, int maxChars = 160);
};

} // namespace palaver::client
