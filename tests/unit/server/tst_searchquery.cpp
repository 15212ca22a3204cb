// SearchQuery: user text into words, and the FTS5 expression built from them, which must
// never carry query syntax through.
#include "server/storage/searchquery.h"

#include <QTest>

using namespace Qt::StringLiterals;
using palaver::server::SearchQuery;

class tst_SearchQuery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void words_data();
    void words();
    void fts5Expression_data();
    void fts5Expression();
    void leadingAndLast();
};

void tst_SearchQuery::words_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("one") << u"hello"_s << QStringList {u"hello"_s};
    QTest::newRow("spaces") << u"  hello   world "_s << QStringList {u"hello"_s, u"world"_s};
    QTest::newRow("punctuation splits")
        << u"don't-stop:now"_s << QStringList {u"don"_s, u"t"_s, u"stop"_s, u"now"_s};
    QTest::newRow("operators are words")
        << u"a AND b NEAR(c)"_s << QStringList {u"a"_s, u"AND"_s, u"b"_s, u"NEAR"_s, u"c"_s};
    QTest::newRow("quotes and stars") << u"\"x\"* \"\""_s << QStringList {u"x"_s};
    QTest::newRow("only punctuation") << u"\"*:-()^!&|<>"_s << QStringList {};
    QTest::newRow("emoji") << u"🎉🙂"_s << QStringList {};
    QTest::newRow("emoji splits") << u"party🎉time"_s << QStringList {u"party"_s, u"time"_s};
    QTest::newRow("accents kept") << u"Café crème"_s << QStringList {u"Café"_s, u"crème"_s};
    QTest::newRow("combining accent") << u"cafe\u0301"_s << QStringList {u"cafe\u0301"_s};
    QTest::newRow("digits") << u"3.14 v2"_s << QStringList {u"3"_s, u"14"_s, u"v2"_s};
    QTest::newRow("cyrillic") << u"Привет, мир"_s << QStringList {u"Привет"_s, u"мир"_s};
    QTest::newRow("cjk run") << u"東京タワー"_s << QStringList {u"東京タワー"_s};
    QTest::newRow("supplementary letter") << u"𠀀𠀁 x"_s << QStringList {u"𠀀𠀁"_s, u"x"_s};
    QTest::newRow("devanagari marks") << u"नमस्ते"_s << QStringList {u"नमस्ते"_s};
}

void tst_SearchQuery::words()
{
    QFETCH(QString, text);
    QFETCH(QStringList, words);
    const SearchQuery query(text);
    QCOMPARE(query.words(), words);
    QCOMPARE(query.isEmpty(), words.isEmpty());
}

void tst_SearchQuery::fts5Expression_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expression");
    QTest::newRow("one word is a prefix") << u"hel"_s << u"\"hel\"*"_s;
    QTest::newRow("last word only") << u"hello wor"_s << u"\"hello\" \"wor\"*"_s;
    QTest::newRow("syntax stripped") << u"NOT \"a\" OR b*"_s << u"\"NOT\" \"a\" \"OR\" \"b\"*"_s;
    QTest::newRow("column filter") << u"text:secret"_s << u"\"text\" \"secret\"*"_s;
    QTest::newRow("nothing") << u"***"_s << QString();
}

void tst_SearchQuery::fts5Expression()
{
    QFETCH(QString, text);
    QFETCH(QString, expression);
    QCOMPARE(SearchQuery(text).fts5Expression(), expression);
}

void tst_SearchQuery::leadingAndLast()
{
    const SearchQuery three(u"un café crème"_s);
    QCOMPARE(three.leadingWords(), u"un café"_s);
    QCOMPARE(three.lastWord(), u"crème"_s);
    const SearchQuery one(u"x"_s);
    QCOMPARE(one.leadingWords(), QString());
    QCOMPARE(one.lastWord(), u"x"_s);
    const SearchQuery none(u"--"_s);
    QCOMPARE(none.leadingWords(), QString());
    QCOMPARE(none.lastWord(), QString());
}

QTEST_GUILESS_MAIN(tst_SearchQuery)
#include "tst_searchquery.moc"
