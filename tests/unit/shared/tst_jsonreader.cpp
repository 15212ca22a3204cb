// Edge cases of the field reader every frame's validation is built on.
#include "shared/jsonreader.h"
#include "shared/limits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace palaver;
using namespace Qt::Literals::StringLiterals;

namespace {
const QLatin1String kField {"v"};

// {"v": <literal>} parsed from JSON text, so values arrive exactly as from the wire.
QJsonObject field(const QByteArray& literal)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("{\"v\":" + literal + '}', &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad literal %s", literal.constData());
    return doc.object();
}

QString codeOf(const JsonReader& r)
{
    return r.ok() ? QString() : toString(r.error().code);
}
} // namespace

class tst_JsonReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void characterCount_data();
    void characterCount();
    void integer_data();
    void integer();
    void text_data();
    void text();
    void stringAndId_data();
    void stringAndId();
    void idList_data();
    void idList();
    void nullIsAbsent();
    void firstErrorWins();
};

void tst_JsonReader::characterCount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count");
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("ascii") << u"hello"_s << 5;
    QTest::newRow("latin") << u"Grüße"_s << 5;
    QTest::newRow("cjk") << u"你好"_s << 2;
    QTest::newRow("emoji") << u"😀"_s << 1;
    QTest::newRow("emoji and text") << u"hi 😀😀!"_s << 6;
    // Code points, not grapheme clusters: a ZWJ family is seven, a flag two.
    QTest::newRow("zwj family") << u"👨‍👩‍👧‍👦"_s << 7;
    QTest::newRow("flag") << u"🇫🇷"_s << 2;
    QTest::newRow("combining accent") << u"e\u0301"_s << 2;
}

void tst_JsonReader::characterCount()
{
    QFETCH(QString, text);
    QFETCH(int, count);
    QCOMPARE(JsonReader::characterCount(text), count);
}

void tst_JsonReader::integer_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<qint64>("min");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<QString>("code");
    QTest::addColumn<qint64>("value");
    const qint64 safe = limits::maxSafeInteger;
    const QString bad = u"bad_request"_s;
    QTest::newRow("five") << "5"_ba << qint64(0) << safe << QString() << qint64(5);
    QTest::newRow("zero") << "0"_ba << qint64(0) << safe << QString() << qint64(0);
    QTest::newRow("exponent") << "1e3"_ba << qint64(0) << safe << QString() << qint64(1000);
    QTest::newRow("integral double") << "7.0"_ba << qint64(0) << safe << QString() << qint64(7);
    QTest::newRow("2^53-1") << "9007199254740991"_ba << qint64(0) << safe << QString() << safe;
    QTest::newRow("fraction") << "1.5"_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("2^53") << "9007199254740992"_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("2^60") << "1152921504606846976"_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("-2^60") << "-1152921504606846976"_ba << -safe << safe << bad << qint64(0);
    QTest::newRow("1e300") << "1e300"_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("string") << "\"5\""_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("bool") << "true"_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("array") << "[5]"_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("null") << "null"_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("below min") << "-1"_ba << qint64(0) << safe << bad << qint64(0);
    QTest::newRow("above max") << "201"_ba << qint64(1) << qint64(200) << bad << qint64(0);
    QTest::newRow("at max") << "200"_ba << qint64(1) << qint64(200) << QString() << qint64(200);
}

void tst_JsonReader::integer()
{
    QFETCH(QByteArray, literal);
    QFETCH(qint64, min);
    QFETCH(qint64, max);
    QFETCH(QString, code);
    QFETCH(qint64, value);
    const QJsonObject object = field(literal);
    JsonReader r(object);
    QCOMPARE(r.integer(kField, min, max), value);
    QCOMPARE(codeOf(r), code);
}

void tst_JsonReader::text_data()
{
    QTest::addColumn<QJsonObject>("object");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<bool>("allowEmpty");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("text");
    const QString bad = u"bad_request"_s;
    const QString tooLarge = u"too_large"_s;
    const QString emoji = u"😀"_s;
    auto of = [](const QString& s) { return QJsonObject {{kField, s}}; };
    QTest::newRow("plain") << of(u"hi"_s) << 10 << false << QString() << u"hi"_s;
    QTest::newRow("trimmed") << of(u" \t\nhi there\r\n "_s) << 10 << false << QString()
                             << u"hi there"_s;
    QTest::newRow("trimmed before counting")
        << of(u"   abc   "_s) << 3 << false << QString() << u"abc"_s;
    QTest::newRow("inner whitespace kept")
        << of(u"a  \n  b"_s) << 10 << false << QString() << u"a  \n  b"_s;
    QTest::newRow("empty") << of(QString()) << 10 << false << bad << QString();
    QTest::newRow("blank") << of(u"  \n "_s) << 10 << false << bad << QString();
    QTest::newRow("empty allowed") << of(u"  "_s) << 10 << true << QString() << QString();
    QTest::newRow("absent allowed") << QJsonObject() << 10 << true << QString() << QString();
    QTest::newRow("absent") << QJsonObject() << 10 << false << bad << QString();
    QTest::newRow("number") << QJsonObject {{kField, 5}} << 10 << false << bad << QString();
    QTest::newRow("number, empty allowed")
        << QJsonObject {{kField, 5}} << 10 << true << bad << QString();
    QTest::newRow("4000 emoji") << of(emoji.repeated(4000)) << 4000 << false << QString()
                                << emoji.repeated(4000);
    QTest::newRow("4001 emoji") << of(emoji.repeated(4001)) << 4000 << false << tooLarge
                                << emoji.repeated(4001);
    QTest::newRow("too long, empty allowed") << of(u"abcd"_s) << 3 << true << tooLarge << u"abcd"_s;
}

void tst_JsonReader::text()
{
    QFETCH(QJsonObject, object);
    QFETCH(int, maxChars);
    QFETCH(bool, allowEmpty);
    QFETCH(QString, code);
    QFETCH(QString, text);
    JsonReader r(object);
    const QString read = r.text(kField, maxChars, allowEmpty);
    QCOMPARE(codeOf(r), code);
    if (code.isEmpty() || code == u"too_large")
        QCOMPARE(read, text);
}

void tst_JsonReader::stringAndId_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<QString>("stringCode"); // string(v, 2, 4): length in UTF-16 units, untrimmed
    QTest::addColumn<QString>("idCode");
    const QString bad = u"bad_request"_s;
    QTest::newRow("short id") << "\"r1\""_ba << QString() << QString();
    QTest::newRow("spaces count") << "\"  r1  \""_ba << bad << QString();
    QTest::newRow("one unit") << "\"r\""_ba << bad << QString();
    QTest::newRow("empty") << "\"\""_ba << bad << bad;
    QTest::newRow("emoji is two units") << "\"\xf0\x9f\x98\x80\""_ba << QString() << QString();
    QTest::newRow("64 chars") << '"' + QByteArray(64, 'x') + '"' << bad << QString();
    QTest::newRow("65 chars") << '"' + QByteArray(65, 'x') + '"' << bad << bad;
    QTest::newRow("number") << "12"_ba << bad << bad;
    QTest::newRow("bool") << "false"_ba << bad << bad;
    QTest::newRow("object") << "{}"_ba << bad << bad;
}

void tst_JsonReader::stringAndId()
{
    QFETCH(QByteArray, literal);
    QFETCH(QString, stringCode);
    QFETCH(QString, idCode);
    const QJsonObject object = field(literal);
    JsonReader asString(object);
    asString.string(kField, 2, 4);
    QCOMPARE(codeOf(asString), stringCode);
    JsonReader asId(object);
    asId.id(kField);
    QCOMPARE(codeOf(asId), idCode);
}

void tst_JsonReader::idList_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("ids");
    const QString bad = u"bad_request"_s;
    QTest::newRow("two") << "[\"a\",\"b\"]"_ba << QString() << QStringList {u"a"_s, u"b"_s};
    QTest::newRow("duplicates dropped")
        << "[\"a\",\"b\",\"a\"]"_ba << QString() << QStringList {u"a"_s, u"b"_s};
    QTest::newRow("empty") << "[]"_ba << QString() << QStringList();
    QTest::newRow("null is empty") << "null"_ba << QString() << QStringList();
    QTest::newRow("at max") << "[\"a\",\"b\",\"c\"]"_ba << QString()
                            << QStringList {u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("over max") << "[\"a\",\"b\",\"c\",\"d\"]"_ba << u"too_large"_s << QStringList();
    QTest::newRow("number inside") << "[\"a\",1]"_ba << bad << QStringList();
    QTest::newRow("empty id inside") << "[\"\"]"_ba << bad << QStringList();
    QTest::newRow("not an array") << "\"a\""_ba << bad << QStringList();
}

void tst_JsonReader::idList()
{
    QFETCH(QByteArray, literal);
    QFETCH(QString, code);
    QFETCH(QStringList, ids);
    const QJsonObject object = field(literal);
    JsonReader r(object);
    QCOMPARE(r.idList(kField, 3), ids);
    QCOMPARE(codeOf(r), code);
}

void tst_JsonReader::nullIsAbsent()
{
    const QJsonObject object = field("null");
    JsonReader r(object);
    QVERIFY(!r.optionalId(kField));
    QVERIFY(!r.optionalString(kField, 10));
    QVERIFY(!r.optionalInteger(kField, 0, 10));
    QVERIFY(!r.optionalBoolean(kField));
    QVERIFY(!r.optionalObject(kField));
    QVERIFY(r.ok());
    r.boolean(kField);
    QCOMPARE(codeOf(r), u"bad_request"_s);
    QVERIFY(r.error().message.contains(kField));
}

void tst_JsonReader::firstErrorWins()
{
    const QJsonObject object {{u"a"_s, u"x"_s}, {u"b"_s, true}, {u"n"_s, 4}};
    JsonReader r(object);
    QCOMPARE(r.integer(QLatin1String("n"), 0, 10), 4);
    r.integer(QLatin1String("a"), 0, 10);
    QVERIFY(!r.ok());
    const ProtocolError first = r.error();
    QVERIFY(first.message.contains(u"'a'"_s));

    // Later reads are no-ops that return defaults, and never replace the first error.
    QCOMPARE(r.integer(QLatin1String("n"), 0, 10), 0);
    QCOMPARE(r.string(QLatin1String("missing"), 1, 5), QString());
    r.fail(ErrorCode::TooLarge, u"later"_s);
    QCOMPARE(toString(r.error().code), toString(first.code));
    QCOMPARE(r.error().message, first.message);
}

QTEST_APPLESS_MAIN(tst_JsonReader)
#include "tst_jsonreader.moc"
