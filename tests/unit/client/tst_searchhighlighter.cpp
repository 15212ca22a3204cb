// The highlighting of search results: matched words tagged the way the server matches them
// (case and diacritics ignored, leading words whole, the last word as a prefix), the message
// HTML-escaped before any tag goes in, long texts cut around the first match.
#include "client/search/searchhighlighter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::SearchHighlighter;

class tst_SearchHighlighter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void terms_data();
    void terms();
    void highlight_data();
    void highlight();
    void longTextsAreCutAroundTheMatch();
};

void tst_SearchHighlighter::terms_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("plain") << u"Hello World"_s << QStringList {u"hello"_s, u"world"_s};
    QTest::newRow("accents fold") << u"Café"_s << QStringList {u"cafe"_s};
    QTest::newRow("combining accent") << u"Cafe\u0301"_s << QStringList {u"cafe"_s};
    QTest::newRow("syntax is a separator")
        << u"\"a\" OR b* -c:(d)"_s << QStringList {u"a"_s, u"or"_s, u"b"_s, u"c"_s, u"d"_s};
    QTest::newRow("emoji only") << u"🎉 !!"_s << QStringList {};
    QTest::newRow("blank") << u"   "_s << QStringList {};
}

void tst_SearchHighlighter::terms()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    QCOMPARE(SearchHighlighter::terms(query), expected);
}

void tst_SearchHighlighter::highlight_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");
    QTest::newRow("prefix of the last word")
        << u"Hello there, hell no"_s << u"hel"_s << u"[Hel]lo there, [hel]l no"_s;
    QTest::newRow("case") << u"LUNCH at noon"_s << u"lunch"_s << u"[LUNCH] at noon"_s;
    QTest::newRow("leading words whole")
        << u"cafe cafeteria au lait"_s << u"cafe au"_s << u"[cafe] cafeteria [au] lait"_s;
    QTest::newRow("accent in the text")
        << u"un café, cafés"_s << u"cafe"_s << u"un [café], [café]s"_s;
    QTest::newRow("accent in the query") << u"cafe"_s << u"café"_s << u"[cafe]"_s;
    QTest::newRow("combining mark stays with its letter")
        << u"cafe\u0301s"_s << u"cafe"_s << u"[cafe\u0301]s"_s;
    QTest::newRow("html escaped first")
        << u"<b>bold</b> & <script>x</script>"_s << u"b"_s
        << u"&lt;[b]&gt;[b]old&lt;/[b]&gt; &amp; &lt;script&gt;x&lt;/script&gt;"_s;
    QTest::newRow("query markup is no markup")
        << u"a <i>tag</i>"_s << u"<i>"_s << u"a &lt;[i]&gt;tag&lt;/[i]&gt;"_s;
    QTest::newRow("no match") << u"nothing here"_s << u"zebra"_s << u"nothing here"_s;
    QTest::newRow("inside a word is no match") << u"unhelpful"_s << u"help"_s << u"unhelpful"_s;
    QTest::newRow("emoji around") << u"🎉party🎉"_s << u"part"_s << u"🎉[part]y🎉"_s;
    QTest::newRow("non latin") << u"Привет мир"_s << u"прив"_s << u"[Прив]ет мир"_s;
}

void tst_SearchHighlighter::highlight()
{
    QFETCH(QString, text);
    QFETCH(QString, query);
    QFETCH(QString, expected);
    QCOMPARE(SearchHighlighter::highlight(text, SearchHighlighter::terms(query), u"["_s, u"]"_s),
        expected);
}

void tst_SearchHighlighter::longTextsAreCutAroundTheMatch()
{
    const QString filler = u"lorem "_s.repeated(100);
    const QString text = filler + u"needle "_s + filler;
    const QString out = SearchHighlighter::highlight(
        text, SearchHighlighter::terms(u"needle"_s), u"["_s, u"]"_s, 80);
    QVERIFY(out.startsWith(u"…"_s));
    QVERIFY(out.endsWith(u"…"_s));
    QVERIFY(out.contains(u"[needle]"_s));
    QVERIFY(out.size() <= 80 + 2 + 2); // the window, the two tags and the two ellipses
    // A short text is never cut.
    QCOMPARE(SearchHighlighter::highlight(u"a needle"_s, {u"needle"_s}, u"["_s, u"]"_s, 80),
        u"a [needle]"_s);
}

QTEST_GUILESS_MAIN(tst_SearchHighlighter)
#include "tst_searchhighlighter.moc"
