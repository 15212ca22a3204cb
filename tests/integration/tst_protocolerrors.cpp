// Protocol errors: which frames close the connection and with which code, which only get an
// error answer (and change nothing), wrong paths, oversized frames and shutdown.
#include "tests/support/framechecks.h"
#include "tests/support/rawwebsocket.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
// QWebSocket cannot put invalid UTF-8 into a text frame, so this speaks the opening handshake
// and one masked text frame over plain TCP. Returns the close code of the server's close frame,
// or -1 if none came.
int closeCodeAfterRawTextFrame(const QUrl& url, const QByteArray& payload)
{
    QSslSocket s;
    QByteArray in;
    QDeadlineTimer deadline(10000);
    if (!rawws::upgrade(s, url, in))
        return -1;
    s.write(rawws::maskedText(payload));
    for (;;) {
        // Skip everything up to the close frame.
        for (const rawws::Frame& f : rawws::takeFrames(in)) {
            if (f.opcode == 0x8)
                return f.payload.size() >= 2 ? qFromBigEndian<quint16>(f.payload.constData()) : -1;
        }
        if (deadline.hasExpired() || !s.waitForReadyRead(int(deadline.remainingTime())))
            return -1;
        in += s.readAll();
    }
}
} // namespace

class tst_ProtocolErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void binaryFrameCloses4400_data();
    void binaryFrameCloses4400();
    void malformedFrameCloses4400_data();
    void malformedFrameCloses4400();
    void unknownTypeKeepsConnection();
    void unknownFieldsAreIgnored();
    void rawTextFrame_data();
    void rawTextFrame();
    void oversizedFrameCloses1009();
    void badRequestChangesNothing_data();
    void badRequestChangesNothing();
    void idMustBeStringOrInteger_data();
    void idMustBeStringOrInteger();
    void wrongPathCloses4400_data();
    void wrongPathCloses4400();
    void sigtermCloses1001();

private:
    std::unique_ptr<TestClient> user(const QString& prefix = u"pat"_s)
    {
        return TestClient::registered(m_server->url(), prefix);
    }
    static bool stillServes(TestClient& c)
    {
        return c.isConnected() && isType(c.request({{u"type"_s, u"ping"_s}}), u"pong"_s);
    }

    std::unique_ptr<ServerProcess> m_server;
};

void tst_ProtocolErrors::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start());
}

void tst_ProtocolErrors::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_ProtocolErrors::binaryFrameCloses4400_data()
{
    QTest::addColumn<bool>("authenticated");
    QTest::newRow("before auth") << false;
    QTest::newRow("after auth") << true;
}

void tst_ProtocolErrors::binaryFrameCloses4400()
{
    QFETCH(bool, authenticated);
    std::unique_ptr<TestClient> c;
    if (authenticated) {
        c = user();
        QVERIFY(c);
    } else {
        c = std::make_unique<TestClient>();
        QVERIFY(c->connectTo(m_server->url()));
    }
    c->sendBinary(R"({"type":"ping","id":1})");
    QVERIFY(c->awaitClosed());
    QCOMPARE(c->closeCode(), 4400);
}

void tst_ProtocolErrors::malformedFrameCloses4400_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("truncated JSON") << uR"({"type":"ping","id":)"_s;
    QTest::newRow("not JSON") << u"hello server"_s;
    QTest::newRow("array") << uR"([{"type":"ping","id":1}])"_s;
    QTest::newRow("number") << u"42"_s;
    QTest::newRow("string") << uR"("ping")"_s;
    QTest::newRow("null") << u"null"_s;
}

void tst_ProtocolErrors::malformedFrameCloses4400()
{
    QFETCH(QString, text);
    auto c = user();
    QVERIFY(c);
    c->sendRaw(text);
    QVERIFY(c->awaitClosed());
    QCOMPARE(c->closeCode(), 4400);
}

void tst_ProtocolErrors::unknownTypeKeepsConnection()
{
    auto c = user();
    QVERIFY(c);
    const qsizetype before = c->frames.size();
    c->sendRaw(uR"({"type":"teleport","id":"x-1","to":"mars"})"_s);
    QTRY_VERIFY(c->frames.size() > before);
    const QJsonObject answer = c->frames.last();
    QVERIFY(isError(answer, u"unknown_type"_s));
    QCOMPARE(answer.value(u"re"_s).toString(), u"x-1"_s);
    QVERIFY(stillServes(*c));
    // An integer id is echoed as an integer.
    const int id = c->send({{u"type"_s, u"teleport"_s}});
    const QJsonObject again = c->awaitAnswer(id);
    QVERIFY(isError(again, u"unknown_type"_s));
    QVERIFY(again.value(u"re"_s).isDouble());
    QVERIFY(stillServes(*c));
}

void tst_ProtocolErrors::unknownFieldsAreIgnored()
{
    auto c = user();
    QVERIFY(c);
    const QString room = TestClient::roomIdOf(c->createRoom(u"group"_s, u"Future"_s));
    const QJsonObject ack = c->request({{u"type"_s, u"send"_s}, {u"room"_s, room},
        {u"client_mid"_s, u"f-1"_s}, {u"text"_s, u"from the future"_s}, {u"priority"_s, u"high"_s},
        {u"x_extension"_s, QJsonObject {{u"a"_s, 1}}}});
    QVERIFY(isType(ack, u"ack"_s));
    QCOMPARE(ack.value(u"seq"_s).toInteger(), 1);
}

void tst_ProtocolErrors::rawTextFrame_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("closeCode");
    // The valid frame shows the raw client works: it is read, and refused as unauthenticated.
    QTest::newRow("valid UTF-8") << QByteArray(R"({"type":"ping","id":1})") << 4401;
    QTest::newRow("invalid UTF-8") << QByteArray("{\"type\":\"ping\",\"id\":\"\xc3\x28\"}") << 4400;
    QTest::newRow("overlong encoding") << QByteArray("{\"type\":\"\xc0\xaf\"}") << 4400;
}

void tst_ProtocolErrors::rawTextFrame()
{
    QFETCH(QByteArray, payload);
    QFETCH(int, closeCode);
    // The contract has one code for protocol errors, invalid UTF-8 included (not RFC 6455's
    // 1007): the server's own WebSocket layer validates text frames.
    QCOMPARE(closeCodeAfterRawTextFrame(m_server->url(), payload), closeCode);
}

void tst_ProtocolErrors::oversizedFrameCloses1009()
{
    auto c = user();
    QVERIFY(c);
    const QString room = TestClient::roomIdOf(c->createRoom(u"group"_s, u"Big"_s));
    // Under the frame limit but over max_text: an answer, not a close.
    QVERIFY(isError(c->sendMessage(room, QString(60000, u'x')), u"too_large"_s));
    QVERIFY(stillServes(*c));
    c->send({{u"type"_s, u"send"_s}, {u"room"_s, room}, {u"client_mid"_s, u"big"_s},
        {u"text"_s, QString(70000, u'x')}});
    QVERIFY(c->awaitClosed());
    QCOMPARE(c->closeCode(), 1009);

    TestClient again;
    QVERIFY(again.connectTo(m_server->url()));
    QVERIFY(isType(again.resume(c->token), u"welcome"_s));
    const QJsonObject history = again.request({{u"type"_s, u"history"_s}, {u"room"_s, room}});
    QVERIFY(history.value(u"events"_s).toArray().isEmpty());
}

void tst_ProtocolErrors::badRequestChangesNothing_data()
{
    QTest::addColumn<QString>("frame"); ///< ROOM stands for the test's room id
    QTest::newRow("send without client_mid") << uR"({"type":"send","room":"ROOM","text":"x"})"_s;
    QTest::newRow("send without room") << uR"({"type":"send","client_mid":"a","text":"x"})"_s;
    QTest::newRow("client_mid too long")
        << uR"({"type":"send","room":"ROOM","client_mid":"%1","text":"x"})"_s.arg(
               QString(65, u'm'));
    QTest::newRow("empty client_mid")
        << uR"({"type":"send","room":"ROOM","client_mid":"","text":"x"})"_s;
    QTest::newRow("room as number") << uR"({"type":"send","room":7,"client_mid":"a","text":"x"})"_s;
    QTest::newRow("create_room without kind") << uR"({"type":"create_room","name":"n"})"_s;
    QTest::newRow("read seq as string") << uR"({"type":"read","room":"ROOM","seq":"1"})"_s;
    QTest::newRow("edit without target") << uR"({"type":"edit","room":"ROOM","text":"y"})"_s;
    QTest::newRow("join without room") << uR"({"type":"join"})"_s;
    QTest::newRow("no type") << uR"({"room":"ROOM"})"_s;
    QTest::newRow("type not a string") << uR"({"type":3})"_s;
}

void tst_ProtocolErrors::badRequestChangesNothing()
{
    QFETCH(QString, frame);
    auto c = user();
    QVERIFY(c);
    const QString room = TestClient::roomIdOf(c->createRoom(u"group"_s, u"Calm"_s));
    QVERIFY(isType(c->sendMessage(room, u"before"_s), u"ack"_s));
    const QJsonObject roomsBefore = c->request({{u"type"_s, u"rooms"_s}});
    QJsonObject request = QJsonDocument::fromJson(frame.replace(u"ROOM"_s, room).toUtf8()).object();
    QVERIFY(!request.isEmpty());
    const QJsonObject answer = c->request(request);
    QVERIFY(isError(answer, u"bad_request"_s));
    QVERIFY(!answer.value(u"message"_s).toString().isEmpty());
    QVERIFY(stillServes(*c));
    QJsonObject roomsAfter = c->request({{u"type"_s, u"rooms"_s}});
    roomsAfter.insert(u"re"_s, roomsBefore.value(u"re"_s));
    QCOMPARE(roomsAfter, roomsBefore);
}

void tst_ProtocolErrors::idMustBeStringOrInteger_data()
{
    QTest::addColumn<QString>("frame");
    QTest::newRow("bool") << uR"({"type":"ping","id":true})"_s;
    QTest::newRow("fraction") << uR"({"type":"ping","id":1.5})"_s;
    QTest::newRow("object") << uR"({"type":"ping","id":{"n":1}})"_s;
    QTest::newRow("array") << uR"({"type":"ping","id":[1]})"_s;
}

void tst_ProtocolErrors::idMustBeStringOrInteger()
{
    QFETCH(QString, frame);
    auto c = user();
    QVERIFY(c);
    c->sendRaw(frame);
    // The id cannot be echoed, so the error comes without `re`.
    const QJsonObject error = c->awaitPush(u"error"_s);
    QVERIFY(isError(error, u"bad_request"_s));
    QVERIFY(!error.contains(u"re"_s));
    QVERIFY(c->noPush(u"pong"_s, 0));
    QVERIFY(stillServes(*c));
}

void tst_ProtocolErrors::wrongPathCloses4400_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("v2") << u"/v2"_s;
    QTest::newRow("root") << u"/"_s;
    QTest::newRow("below v1") << u"/v1/x"_s;
}

void tst_ProtocolErrors::wrongPathCloses4400()
{
    QFETCH(QString, path);
    QUrl url = m_server->url();
    url.setPath(path);
    TestClient c;
    c.connectTo(url); // the handshake may or may not finish before the close
    QVERIFY(c.awaitClosed());
    QCOMPARE(c.closeCode(), 4400);
}

void tst_ProtocolErrors::sigtermCloses1001()
{
    ServerProcess server;
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    QVERIFY(ada);
    auto ada2 = ada->anotherDevice(server.url());
    QVERIFY(ada2);
    TestClient anonymous;
    QVERIFY(anonymous.connectTo(server.url()));
    QCOMPARE(server.stop(), 0);
    for (TestClient* c : {ada.get(), ada2.get(), &anonymous}) {
        QVERIFY(c->awaitClosed());
        QCOMPARE(c->closeCode(), 1001);
    }
}

QTEST_GUILESS_MAIN(tst_ProtocolErrors)
#include "tst_protocolerrors.moc"
