#pragma once
// What a word of full-text search is, for the server that indexes and queries messages and
// for the client that highlights the matched words: the two must agree character by character.
#include <QChar>

namespace palaver {

/// Letters, digits, marks (accents written as combining characters, Indic vowel signs) and
/// private-use characters: the characters FTS5's unicode61 tokenizer keeps in tokens. The
/// databases tokenize each word again, so a word is never more than they would accept.
inline bool isSearchWordChar(char32_t c)
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

} // namespace palaver
