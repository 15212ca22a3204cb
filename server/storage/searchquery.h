#pragma once
// A user's search text as the words full-text search looks for. Users type words, not query
// syntax: everything that is not part of a word (quotes, *, :, -, parentheses, emoji) only
// separates words, so FTS5's and PostgreSQL's query languages can never be reached from input.
#include <QString>
#include <QStringList>

namespace palaver::server {

class SearchQuery
{
public:
    explicit SearchQuery(const QString& text);

    /// Runs of letters, digits and combining marks, in order (AND, NEAR, OR are plain words).
    const QStringList& words() const { return m_words; }
    /// No word at all (blank, punctuation or emoji only): nothing can match.
    bool isEmpty() const { return m_words.isEmpty(); }
    /// The words before the last, space-separated: they must match whole.
    QString leadingWords() const;
    /// The last word, matched as a prefix ("hel" finds "hello" while the user types).
    QString lastWord() const { return m_words.isEmpty() ? QString() : m_words.last(); }
    /// An FTS5 MATCH expression: every word a quoted string, the last one a prefix query,
    /// all of them required: `"cafe" "au" "la"*`.
    QString fts5Expression() const;

private:
    QStringList m_words;
};

} // namespace palaver::server
