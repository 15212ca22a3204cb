#include "server/storage/searchquery.h"

namespace palaver::server {
namespace {
// Letters, digits, marks (accents written as combining characters, Indic vowel signs) and
// private-use characters: the characters FTS5's unicode61 tokenizer keeps in tokens. The
// databases tokenize each word again, so a word is never more than they would accept.
bool isWordChar(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_PrivateUse:
        return true;
    default:
        return false;
    }
}
} // namespace

SearchQuery::SearchQuery(const QString& text)
{
    QString word;
    for (const char32_t c : text.toUcs4()) {
        if (isWordChar(c)) {
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
