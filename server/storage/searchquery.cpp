#include "server/storage/searchquery.h"

#include "shared/searchwords.h"

namespace palaver::server {

SearchQuery::SearchQuery(const QString& text)
{
    QString word;
    for (const char32_t c : text.toUcs4()) {
        if (isSearchWordChar(c)) {
            word += QString::fromUcs4(&c, 1);
        } else if (!word.isEmpty()) {
            m_words.append(word);
            word.clear();
        }
    }
    if (!word.isEmpty())
        m_words.append(word);
}

QString SearchQuery::leadingWords() const
{
    return m_words.mid(0, m_words.size() - 1).join(u' ');
}

QString SearchQuery::fts5Expression() const
{
    QStringList phrases;
    for (const QString& word : m_words) {
        // Words hold no '"' (not a word character); doubling it anyway keeps the string
        // syntax closed whatever isWordChar ever lets through.
        QString escaped = word;
        escaped.replace(u'"', QStringLiteral("\"\""));
        phrases.append(u'"' + escaped + u'"');
    }
    if (!phrases.isEmpty())
        phrases.last() += u'*';
    return phrases.join(u' ');
}

} // namespace palaver::server
