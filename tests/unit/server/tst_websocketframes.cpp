// RFC 6455 framing on the server side: what the reader accepts, refuses and joins, and what
// the encoder writes. Byte-level, no sockets.
#include "server/net/httprequesthead.h"
#include "server/net/websocketframes.h"

#include <QTest>
#include <QtEndian>

using namespace palaver::server;

namespace {
// A client frame: masked with a fixed key, as every client must.
QByteArray clientFrame(quint8 opcode, const QByteArray& payload, bool fin = true)
{
    QByteArray f;
    f.append(char((fin ? 0x80 : 0) | opcode));
    const qsizetype n = payload.size();
    if (n < 126) {
        f.append(char(0x80 | n));
    } else if (n <= 0xFFFF) {
        f.append(char(0x80 | 126));
        char len[2];
        qToBigEndian<quint16>(quint16(n), len);
        f.append(len, 2);
    } else {
        f.append(char(0x80 | 127));
        char len[8];
        qToBigEndian<quint64>(quint64(n), len);
        f.append(len, 8);
    }
    const char key[4] = {0x12, 0x34, 0x56, 0x78};
    f.append(key, 4);
    for (qsizetype i = 0; i < n; ++i)
        f.append(char(payload[i] ^ key[i % 4]));
    return f;
}
} // namespace

class tst_WebSocketFrames : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsOneTextMessage_data();
    void readsOneTextMessage();
    void readsByteByByte();
    void joinsFragmentsAndAnswersControlFramesBetween();
    void refuses_data();
    void refuses();
    void refusesOversizeBeforeItArrives();
    void encodesEveryLengthForm_data();
    void encodesEveryLengthForm();
    void closeReasonIsCutOnACharacter();
    void utf8_data();
    void utf8();
    void acceptKeyMatchesTheRfcExample();
    void parsesAnUpgradeRequest();
};

void tst_WebSocketFrames::readsOneTextMessage_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short") << QByteArray("{\"type\":\"ping\"}");
    QTest::newRow("125") << QByteArray(125, 'a');
    QTest::newRow("126 (16-bit length)") << QByteArray(126, 'b');
    QTest::newRow("65535") << QByteArray(65535, 'c');
    QTest::newRow("65536 (64-bit length)") << QByteArray(65536, 'd');
    QTest::newRow("utf-8") << QStringLiteral("h\u00e9llo \U0001F600").toUtf8();
}

void tst_WebSocketFrames::readsOneTextMessage()
{
    QFETCH(QByteArray, payload);
    WsFrameReader reader(1 << 20);
    reader.feed(clientFrame(0x1, payload));
    const auto message = reader.next();
    QVERIFY(message);
    QCOMPARE(message->opcode, WsOpcode::Text);
    QCOMPARE(message->payload, payload);
    QVERIFY(!reader.next());
    QCOMPARE(reader.error(), WsReadError::None);
    QCOMPARE(reader.bufferedBytes(), 0); // nothing held once a message is out
}

void tst_WebSocketFrames::readsByteByByte()
{
    const QByteArray a = clientFrame(0x1, QByteArray(300, 'x'));
    const QByteArray b = clientFrame(0x1, "second");
    const QByteArray stream = a + b;
    WsFrameReader reader(1 << 20);
    QList<QByteArray> got;
    for (char c : stream) {
        reader.feed(QByteArray(1, c));
        while (auto m = reader.next())
            got.append(m->payload);
    }
    QCOMPARE(got, (QList<QByteArray> {QByteArray(300, 'x'), "second"}));
}

void tst_WebSocketFrames::joinsFragmentsAndAnswersControlFramesBetween()
{
    WsFrameReader reader(1 << 20);
    reader.feed(clientFrame(0x1, "{\"type\":", false) + clientFrame(0x9, "p") +
        clientFrame(0x0, "\"pi", false) + clientFrame(0x0, "ng\"}", true));
    auto ping = reader.next();
    QVERIFY(ping);
    QCOMPARE(ping->opcode, WsOpcode::Ping);
    QCOMPARE(ping->payload, QByteArray("p"));
    auto text = reader.next();
    QVERIFY(text);
    QCOMPARE(text->opcode, WsOpcode::Text);
    QCOMPARE(text->payload, QByteArray("{\"type\":\"ping\"}"));
}

void tst_WebSocketFrames::refuses_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("error");
    QByteArray unmasked = clientFrame(0x1, "hi");
    unmasked[1] = char(unmasked[1] & 0x7F);
    QByteArray reserved = clientFrame(0x1, "hi");
    reserved[0] = char(reserved[0] | 0x40);
    const int protocol = int(WsReadError::Protocol);
    QTest::newRow("unmasked") << unmasked << protocol;
    QTest::newRow("reserved bit") << reserved << protocol;
    QTest::newRow("unknown opcode 3") << clientFrame(0x3, "x") << protocol;
    QTest::newRow("continuation first") << clientFrame(0x0, "x") << protocol;
    QTest::newRow("text inside fragmented text")
        << clientFrame(0x1, "a", false) + clientFrame(0x1, "b") << protocol;
    QTest::newRow("fragmented ping") << clientFrame(0x9, "x", false) << protocol;
    QTest::newRow("ping over 125 bytes") << clientFrame(0x9, QByteArray(126, 'p')) << protocol;
    QTest::newRow("invalid utf-8") << clientFrame(0x1, "\xc3\x28") << int(WsReadError::InvalidUtf8);
    QTest::newRow("utf-8 split bad across fragments") << clientFrame(0x1, "\xe2\x82", false) +
            clientFrame(0x0, "A") << int(WsReadError::InvalidUtf8);
    QTest::newRow("over the limit")
        << clientFrame(0x1, QByteArray(1025, 'a')) << int(WsReadError::TooBig);
    QTest::newRow("fragments over the limit")
        << clientFrame(0x1, QByteArray(600, 'a'), false) + clientFrame(0x0, QByteArray(600, 'a'))
        << int(WsReadError::TooBig);
}

void tst_WebSocketFrames::refuses()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, error);
    WsFrameReader reader(1024);
    reader.feed(stream);
    while (reader.next()) { }
    QCOMPARE(int(reader.error()), error);
    QVERIFY(!reader.next()); // an error is final
}

void tst_WebSocketFrames::refusesOversizeBeforeItArrives()
{
    // Only the header of a 2^40-byte frame: refused at once, not buffered.
    QByteArray header = clientFrame(0x1, QByteArray(70000, 'a')).left(14);
    header[2 + 3] = 1; // 64-bit length 2^40
    WsFrameReader reader(65536);
    reader.feed(header);
    QVERIFY(!reader.next());
    QCOMPARE(reader.error(), WsReadError::TooBig);
}

void tst_WebSocketFrames::encodesEveryLengthForm_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("headerBytes");
    QTest::newRow("0") << 0 << 2;
    QTest::newRow("125") << 125 << 2;
    QTest::newRow("126") << 126 << 4;
    QTest::newRow("65535") << 65535 << 4;
    QTest::newRow("65536") << 65536 << 10;
}

void tst_WebSocketFrames::encodesEveryLengthForm()
{
    QFETCH(int, size);
    QFETCH(int, headerBytes);
    const QByteArray payload(size, 'z');
    const QByteArray frame = ws::encodeText(payload);
    QCOMPARE(frame.size(), headerBytes + size);
    QCOMPARE(quint8(frame[0]), quint8(0x81)); // FIN, text
    QCOMPARE(quint8(frame[1]) & 0x80, 0); // servers never mask
    QCOMPARE(frame.mid(headerBytes), payload);
}

void tst_WebSocketFrames::closeReasonIsCutOnACharacter()
{
    const QString reason = QString(200, QChar(0x00e9)); // two bytes each
    const QByteArray frame = ws::encodeClose(4400, reason);
    QVERIFY(frame.size() - 2 <= 125);
    QCOMPARE(qFromBigEndian<quint16>(frame.constData() + 2), quint16(4400));
    const QByteArray text = frame.mid(4);
    QVERIFY(ws::isValidUtf8(text.constData(), text.size()));
    QCOMPARE(text.size() % 2, 0);
}

void tst_WebSocketFrames::utf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("plain ascii text, longer than eight") << true;
    QTest::newRow("2-byte") << QByteArray("\xc3\xa9") << true;
    QTest::newRow("3-byte") << QByteArray("\xe2\x82\xac") << true;
    QTest::newRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
    QTest::newRow("bad continuation") << QByteArray("\xc3\x28") << false;
    QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    QTest::newRow("overlong /") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::newRow("truncated at end") << QByteArray("abcdefgh\xe2\x82") << false;
    QTest::newRow("0xff") << QByteArray("\xff") << false;
}

void tst_WebSocketFrames::utf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(ws::isValidUtf8(bytes.constData(), bytes.size()), valid);
}

void tst_WebSocketFrames::acceptKeyMatchesTheRfcExample()
{
    // RFC 6455 section 1.3.
    QCOMPARE(ws::acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void tst_WebSocketFrames::parsesAnUpgradeRequest()
{
    const auto head = HttpRequestHead::parse("GET /v1?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                             "Upgrade: WebSocket\r\nConnection: keep-alive, "
                                             "Upgrade\r\nSec-WebSocket-Version: 13\r\n");
    QVERIFY(head);
    QCOMPARE(head->method, QByteArray("GET"));
    QCOMPARE(head->path(), QByteArray("/v1"));
    QVERIFY(head->headerHasToken("upgrade", "websocket"));
    QVERIFY(head->headerHasToken("connection", "upgrade"));
    QCOMPARE(head->header("sec-websocket-version"), QByteArray("13"));
    QVERIFY(!HttpRequestHead::parse("not http at all"));
    QVERIFY(!HttpRequestHead::parse("GET / HTTP/1.1\r\nno colon here\r\n"));
}

QTEST_GUILESS_MAIN(tst_WebSocketFrames)
#include "tst_websocketframes.moc"
