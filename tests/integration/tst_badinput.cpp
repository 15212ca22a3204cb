// Bad input against the real server, part 1: malformed JSON, wrong types in every field of
// every request, huge and odd numbers, deep nesting, invalid UTF-8 and control characters.
// Each case gets exactly the answer and close code of docs/PROTOCOL.md §1–§3 and §8, and the
// database (every table, read through SQLite) is unchanged afterwards. Access to other users'
// rooms, strings stored verbatim, tokens and silent clients are in tst_badinput_access; a
// client that stops reading is tst_slowreader.
#include "tests/integration/tst_badinput_fixture.h"
#include "tests/support/framechecks.h"
#include "tests/support/rawwebsocket.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Expected)

namespace {
const Expected kBadRequest {u"bad_request"_s, true, 0};
const Expected kFatal {u"bad_request"_s, false, 4400}; ///< invalid JSON, not an object
const Expected kAuthBadRequest {u"bad_request"_s, true, 4401}; ///< malformed first frame

// A valid request of every type; the wrong-type rows replace one field at a time. Auth requests
// are valid only as a first frame, so they are probed on fresh connections.
struct Template
{
    const char* json;
    bool auth = false;
    const char* only = nullptr; ///< the one field to vary; all when null
};
const Template kTemplates[] = {
    {R"({"type":"register","protocol":1,"username":"zed_1","password":"password123",
        "display_name":"Zed","device":"d"})",
        true},
    {R"({"type":"login","protocol":1,"username":"zed_1","password":"password123","device":"d"})",
        true},
    {R"({"type":"resume","protocol":1,"token":"abc"})", true},
    {R"({"type":"create_room","kind":"group","name":"n","topic":"t","members":["@BOB@"]})"},
    {R"({"type":"open_direct","user":"@BOB@"})"},
    {R"({"type":"join","room":"@PUB@"})"},
    {R"({"type":"leave","room":"@ROOM@"})"},
    {R"({"type":"invite","room":"@ROOM@","user":"@CAT@"})"},
    {R"({"type":"kick","room":"@ROOM@","user":"@BOB@"})"},
    {R"({"type":"directory","query":"lob","limit":5})"},
    {R"({"type":"members","room":"@ROOM@"})"},
    {R"({"type":"users","query":"bob","limit":5})"},
    {R"({"type":"send","room":"@ROOM@","client_mid":"m","text":"hi","reply_to":1,
        "mentions":["@BOB@"]})"},
    // The attachment names no file of this server (not_found), so it gets a template of its own.
    {R"({"type":"send","room":"@ROOM@","client_mid":"m","attachments":[{"file_id":"f1"}]})", false,
        "attachments"},
    {R"({"type":"edit","room":"@ROOM@","target":1,"text":"hi"})"},
    {R"({"type":"delete","room":"@ROOM@","target":1})"},
    {R"({"type":"react","room":"@ROOM@","target":1,"emoji":"+1","on":true})"},
    {R"({"type":"history","room":"@ROOM@","before":2,"limit":5})"},
    {R"({"type":"history","room":"@ROOM@","after":0})", false, "after"}, // not with before
    {R"({"type":"sync","cursors":{"@ROOM@":0}})"},
    {R"({"type":"read","room":"@ROOM@","seq":1})"},
    {R"({"type":"typing","room":"@ROOM@","active":true})"},
    {R"({"type":"presence","status":"away"})"},
    {R"({"type":"search","query":"hi","room":"@ROOM@","limit":5})"},
};

// JSON literals of the wrong type (or out of range) for a field holding `sample`.
QList<QByteArray> wrongValuesFor(const QJsonValue& sample)
{
    const QList<QByteArray> notString {"7", "true", "[\"x\"]", "{\"a\":1}"};
    const QList<QByteArray> notInteger {"\"1\"", "true", "1.5", "1e308", "9223372036854775808",
        "9007199254740992", "-9223372036854775808", "[1]", "{}"};
    if (sample.isString())
        return notString;
    if (sample.isDouble())
        return notInteger;
    if (sample.isBool())
        return {"1", "\"true\"", "[]", "{}"};
    if (sample.isArray())
        return {"\"x\"", "5", "{}", "[7]", "[[]]", "[\"\"]"};
    return {"[]", "\"x\"", "5", "{\"@ROOM@\":\"1\"}", "{\"@ROOM@\":-1}", "{\"@ROOM@\":0.5}"};
}

// The frame as text with `key` set to the raw JSON `literal` and id 987654.
QByteArray withField(QJsonObject object, const QString& key, const QByteArray& literal)
{
    object.insert(key, u"@VALUE@"_s);
    object.insert(u"id"_s, 987654);
    QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return text.replace("\"@VALUE@\"", literal);
}
} // namespace

class tst_BadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rejected_data();
    void rejected();
    void wrongTypes_data();
    void wrongTypes();
    void invalidUtf8Closes4400_data();
    void invalidUtf8Closes4400();

private:
    BadInputWorld m_world;
};

void tst_BadInput::initTestCase()
{
    QVERIFY(m_world.setUp());
}

void tst_BadInput::cleanupTestCase()
{
    m_world.tearDown();
}

void tst_BadInput::rejected_data()
{
    QTest::addColumn<bool>("beforeAuth");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Expected>("expected");
    const Expected pong {};
    // Malformed and truncated JSON: fatal before and after authentication.
    const QList<QPair<const char*, QByteArray>> malformed {
        {"truncated object", R"({"type":"ping","id":987654)"},
        {"truncated string", R"({"type":"ping","id":"7)"},
        {"truncated after colon", R"({"type":)"},
        {"trailing comma", R"({"type":"ping","id":987654,})"},
        {"single quotes", R"({'type':'ping'})"},
        {"two objects", R"({"type":"ping"}{"type":"ping"})"},
        {"bare word", "ping"},
        {"empty", ""},
        {"NaN", R"({"type":"ping","id":NaN})"},
        {"leading zero", R"({"type":"ping","id":07})"},
        {"hex", R"({"type":"ping","id":0x10})"},
        {"comment", R"({"type":"ping" /* hi */})"},
        {"raw control character in a string", "{\"type\":\"pi\x01ng\",\"id\":987654}"},
        {"raw newline in a string", "{\"type\":\"send\",\"text\":\"a\nb\",\"id\":987654}"},
        {"lone escape", R"({"type":"ping\"})"},
        {"bad escape", R"({"type":"p\qing"})"},
        {"nesting 30000 deep", QByteArray(30000, '[') + QByteArray(30000, ']')},
        {"array", R"([{"type":"ping","id":987654}])"},
        {"null", "null"},
    };
    for (const auto& [name, frame] : malformed) {
        QTest::addRow("before auth: %s", name) << true << frame << kFatal;
        QTest::addRow("after auth: %s", name) << false << frame << kFatal;
    }
    // Deep nesting that is still JSON: ignored as an unknown field, refused in a known one.
    const QByteArray deep = QByteArray(500, '[') + QByteArray(500, ']');
    QTest::newRow("500 deep in an unknown field")
        << false << R"({"type":"ping","id":987654,"x":)" + deep + "}" << pong;
    QTest::newRow("500 deep in members")
        << false
        << R"({"type":"create_room","id":987654,"kind":"group","name":"n","members":)" + deep + "}"
        << kBadRequest;
    QTest::newRow("300 deep objects in a cursor")
        << false
        << R"({"type":"sync","id":987654,"cursors":{"@ROOM@":)" +
            QByteArray("{\"a\":").repeated(300) + "1" + QByteArray(300, '}') + "}}"
        << kBadRequest;
    // Numbers where the contract wants integers within ±(2^53 - 1), in the id and in fields.
    const Expected idRejected {u"bad_request"_s, false, 0};
    QTest::newRow("id 1e308") << false << QByteArray(R"({"type":"ping","id":1e308})") << idRejected;
    QTest::newRow("id -1e308") << false << QByteArray(R"({"type":"ping","id":-1e308})")
                               << idRejected;
    QTest::newRow("id 2^63") << false << QByteArray(R"({"type":"ping","id":9223372036854775808})")
                             << idRejected;
    QTest::newRow("id -2^63") << false << QByteArray(R"({"type":"ping","id":-9223372036854775808})")
                              << idRejected;
    QTest::newRow("id 2^60") << false << QByteArray(R"({"type":"ping","id":1152921504606846976})")
                             << idRejected;
    // Qt's parser refuses numbers beyond a double's range: invalid JSON (RFC 8259 §6 allows it).
    QTest::newRow("id 1e400 (infinite)")
        << false << QByteArray(R"({"type":"ping","id":1e400})") << kFatal;
    QTest::newRow("id 987654.0 is an integer")
        << false << QByteArray(R"({"type":"ping","id":987654.0})") << pong;
    QTest::newRow("id -0 is an integer")
        << false << QByteArray(R"({"type":"ping","id":-0})") << Expected {};
    QTest::newRow("seq -0 reads as 0")
        << false << QByteArray(R"({"type":"history","id":987654,"room":"@ROOM@",
        "after":-0})")
        << pong;
    QTest::newRow("target 2^53 - 1 is a missing message")
        << false
        << QByteArray(R"({"type":"delete","id":987654,"room":"@ROOM@","target":9007199254740991})")
        << Expected {u"not_found"_s, true, 0};
    QTest::newRow("protocol -0 before auth")
        << true << QByteArray(R"({"type":"resume","id":987654,"protocol":-0,"token":"x"})")
        << Expected {u"unsupported_protocol"_s, true, 4400};
    QTest::newRow("protocol 1e308 before auth")
        << true << QByteArray(R"({"type":"resume","id":987654,"protocol":1e308,"token":"x"})")
        << kAuthBadRequest;
    // Null counts as absent: for a required field that is a missing field.
    QTest::newRow("null room") << false
                               << QByteArray(R"({"type":"history","id":987654,"room":null})")
                               << kBadRequest;
    QTest::newRow("null type") << false << QByteArray(R"({"type":null,"id":987654})")
                               << kBadRequest;
    QTest::newRow("type of a server frame")
        << false << QByteArray(R"({"type":"welcome","id":987654})")
        << Expected {u"unknown_type"_s, true, 0};
    // Unknown fields are ignored, whatever they hold.
    QTest::newRow("unknown fields")
        << false << QByteArray(R"({"type":"history","id":987654,"room":"@ROOM@","$where":"1=1",
            "__proto__":{"admin":true},"room ":"@PRIV@","ROOM":7,"constructor":null})")
        << pong;
}

void tst_BadInput::rejected()
{
    QFETCH(bool, beforeAuth);
    QFETCH(QByteArray, frame);
    QFETCH(Expected, expected);
    const bool closes = expected.closeCode != 0;
    // A frame that closes the connection is sent from a device of its own.
    std::unique_ptr<TestClient> own;
    if (beforeAuth)
        own = m_world.anonymous();
    else if (closes)
        own = m_world.ada->anotherDevice(m_world.server->url());
    TestClient* device = own ? own.get() : m_world.ada.get();
    QVERIFY(device);
    const DbSnapshot before = m_world.snapshot();
    QVERIFY(!before.tables.isEmpty());
    QString reason;
    // A valid request here (a pong, a history page) shows the frame was read, not just dropped.
    device->drain(); // earlier answers with re 987654 are not this one
    if (expected.code.isEmpty() && !frame.contains("\"id\":-0")) {
        device->sendRaw(QString::fromUtf8(m_world.fill(frame)));
        const QJsonObject answer = device->awaitAnswer(987654);
        QVERIFY2(answer.value(u"type"_s) != u"error"_s && !answer.isEmpty(),
            qPrintable(checks::compact(answer)));
    } else if (expected.code.isEmpty()) {
        device->sendRaw(QString::fromUtf8(frame));
        QVERIFY(checks::isType(device->awaitAnswer(0), u"pong"_s));
    } else {
        QVERIFY2(m_world.sendAndCheck(*device, frame, expected, &reason), qPrintable(reason));
    }
    const DbSnapshot after = m_world.snapshot();
    QVERIFY2(before.tables == after.tables, qPrintable(before.changedTables(after).join(u", ")));
}

void tst_BadInput::wrongTypes_data()
{
    QTest::addColumn<bool>("beforeAuth");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<Expected>("expected");
    for (const Template& t : kTemplates) {
        const QJsonObject object = QJsonDocument::fromJson(t.json).object();
        QVERIFY2(!object.isEmpty(), t.json);
        const QString type = object.value(u"type"_s).toString();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key() == u"type"_s || (t.only && it.key() != QLatin1String(t.only)))
                continue;
            for (const QByteArray& literal : wrongValuesFor(it.value())) {
                QTest::addRow(
                    "%s.%s = %s", qPrintable(type), qPrintable(it.key()), literal.constData())
                    << t.auth << withField(object, it.key(), literal)
                    << (t.auth ? kAuthBadRequest : kBadRequest);
            }
        }
    }
}

void tst_BadInput::wrongTypes()
{
    // Same check as rejected(); a separate function keeps the generated rows apart.
    rejected();
}

void tst_BadInput::invalidUtf8Closes4400_data()
{
    QTest::addColumn<QByteArray>("text");
    // Inside a send after authentication, where a lenient decoder would store U+FFFD.
    QTest::newRow("lone continuation byte") << QByteArray("a\x80z");
    QTest::newRow("truncated 4-byte sequence") << QByteArray("\xf0\x9f\x98");
    QTest::newRow("UTF-16 surrogate (CESU-8)") << QByteArray("\xed\xa0\x80\xed\xb0\x80");
    QTest::newRow("overlong slash") << QByteArray("\xe0\x80\xaf");
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
    QTest::newRow("Latin-1") << QByteArray("caf\xe9");
    QTest::newRow("5-byte form") << QByteArray("\xf8\x88\x80\x80\x80");
}

void tst_BadInput::invalidUtf8Closes4400()
{
    QFETCH(QByteArray, text);
    // The resume slides the token's expiry: legitimate.
    const QStringList ignored {u"sessions.expires_ts"_s};
    const DbSnapshot before = m_world.snapshot(ignored);
    QSslSocket socket; // plain, or TLS in the suite's wss run
    QByteArray in;
    QVERIFY(rawws::upgrade(socket, m_world.server->url(), in));
    socket.write(rawws::maskedText(
        R"({"type":"resume","id":1,"protocol":1,"token":")" + m_world.ada->token.toUtf8() + "\"}"));
    // Wait for the welcome, so the bad frame meets an authenticated session.
    QList<rawws::Frame> frames;
    QDeadlineTimer deadline(10000);
    while (frames.isEmpty() && socket.waitForReadyRead(int(deadline.remainingTime()))) {
        in += socket.readAll();
        frames += rawws::takeFrames(in);
    }
    QCOMPARE(frames.size(), 1);
    QVERIFY(frames.first().payload.contains("\"welcome\""));
    socket.write(rawws::maskedText(
        m_world.fill(R"({"type":"send","id":987654,"room":"@ROOM@","client_mid":"u8","text":")" +
            text + "\"}")));
    while (frames.last().opcode != 0x8 && socket.waitForReadyRead(int(deadline.remainingTime()))) {
        in += socket.readAll();
        frames += rawws::takeFrames(in);
    }
    // The close and nothing before it: no error frame, and the send was never decoded.
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames.last().opcode, 0x8);
    QCOMPARE(qFromBigEndian<quint16>(frames.last().payload.constData()), quint16(4400));
    const DbSnapshot after = m_world.snapshot(ignored);
    QVERIFY2(before.tables == after.tables, qPrintable(before.changedTables(after).join(u", ")));
}

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
