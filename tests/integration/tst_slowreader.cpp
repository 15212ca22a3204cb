// A member that stops reading while its room is busy: the kernel's buffers fill, the server
// keeps what the socket does not take (EPOLLOUT), and once the member reads again it gets
// every event, in order, exactly once. The reader is a raw socket whose Qt buffer is capped,
// so the test process itself stops draining the kernel.
#include "tests/support/framechecks.h"
#include "tests/support/rawwebsocket.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// The JSON objects of the whole text frames at the front of `in`.
QList<QJsonObject> takeFrames(QByteArray& in)
{
    QList<QJsonObject> objects;
    for (const rawws::Frame& f : rawws::takeFrames(in)) {
        if (f.opcode == 0x1)
            objects.append(QJsonDocument::fromJson(f.payload).object());
    }
    return objects;
}

// Opens a WebSocket on `raw` by hand and resumes `token`; `in` keeps what followed the welcome.
bool openRawSession(QTcpSocket& raw, const QUrl& url, const QString& token, QByteArray& in)
{
    if (!rawws::upgrade(raw, url, in, 5000))
        return false;
    raw.write(rawws::maskedText(QJsonDocument(
        QJsonObject {{u"type"_s, u"resume"_s}, {u"id"_s, 1}, {u"protocol"_s, 1},
            {u"token"_s, token}}).toJson(QJsonDocument::Compact)));
    while (raw.waitForReadyRead(5000)) {
        in += raw.readAll();
        for (const QJsonObject& f : takeFrames(in)) {
            if (f.value(u"type"_s) == u"welcome"_s)
                return true;
        }
    }
    return false;
}
} // namespace

class tst_SlowReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void stalledReaderGetsEverythingInOrder();
    void peerThatNeverAnswersPingsIsDropped();
    void readerPastTheQueueBoundIsDroppedAndCatchesUp();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void tst_SlowReader::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"100000"_s, u"--burst"_s, u"100000"_s,
            u"--max-send-queue-bytes"_s, u"67108864"_s}); // far above what this test piles up
    QVERIFY(m_server->start());
}

void tst_SlowReader::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_SlowReader::stalledReaderGetsEverythingInOrder()
{
    auto writer = TestClient::registered(m_server->url(), u"busy"_s);
    auto member = TestClient::registered(m_server->url(), u"stalled"_s);
    QVERIFY(writer && member);
    const QString room =
        TestClient::roomIdOf(writer->createRoom(u"group"_s, u"Busy room"_s, {member->userId}));
    QVERIFY(!room.isEmpty());
    const QString token = member->token;
    member.reset(); // the same account, from a socket that can stop reading

    QSslSocket raw;
    raw.setReadBufferSize(4096); // Qt stops reading from the kernel beyond this
    QByteArray in;
    QVERIFY(openRawSession(raw, m_server->url(), token, in));

    // About 12 MB of pushes while the member reads nothing: far beyond what the kernel
    // buffers on both ends hold, so the server must keep the rest and send it later.
    constexpr int count = 3000;
    const QString text(3900, u'x');
    QList<int> ids;
    for (int i = 0; i < count; ++i) {
        ids << writer->send({{u"type"_s, u"send"_s}, {u"room"_s, room},
            {u"client_mid"_s, u"slow-%1"_s.arg(i)}, {u"text"_s, text}});
    }
    for (int id : ids)
        QCOMPARE(writer->awaitAnswer(id, 60000).value(u"type"_s).toString(), u"ack"_s);
    // (Over TLS Qt decrypts whole records, up to 16 KiB each, past the read buffer's size.)
    QVERIFY2(raw.bytesAvailable() <= 64 * 1024, "the reader should not have drained its socket");

    raw.setReadBufferSize(0);
    QList<QString> mids;
    qint64 lastSeq = 0;
    QDeadlineTimer deadline(60000);
    while (mids.size() < count && !deadline.hasExpired()) {
        if (raw.bytesAvailable() == 0 && !raw.waitForReadyRead(int(deadline.remainingTime())))
            break;
        in += raw.readAll();
        for (const QJsonObject& f : takeFrames(in)) {
            if (f.value(u"type"_s) != u"event"_s)
                continue;
            const QJsonObject e = f.value(u"event"_s).toObject();
            if (e.value(u"kind"_s) != u"message"_s)
                continue;
            const qint64 seq = e.value(u"seq"_s).toInteger();
            QVERIFY2(seq > lastSeq, "events out of order or repeated");
            lastSeq = seq;
            mids << e.value(u"client_mid"_s).toString();
        }
    }
    QCOMPARE(mids.size(), count);
    for (int i = 0; i < count; ++i)
        QCOMPARE(mids.at(i), u"slow-%1"_s.arg(i));
}

void tst_SlowReader::peerThatNeverAnswersPingsIsDropped()
{
    // Pings every 300 ms: a peer that misses two is dropped; one that answers stays.
    ServerProcess server({u"--ping-interval-ms"_s, u"300"_s});
    QVERIFY(server.start());
    auto alive = TestClient::registered(server.url(), u"pongs"_s); // QWebSocket answers pings
    auto silent = TestClient::registered(server.url(), u"silent"_s);
    QVERIFY(alive && silent);
    const QString token = silent->token;
    silent.reset();
    QSslSocket raw; // a WebSocket that never answers a ping, like a peer that vanished
    QByteArray in;
    QVERIFY(openRawSession(raw, server.url(), token, in));
    QElapsedTimer timer;
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(raw.state(), QAbstractSocket::UnconnectedState, 5000);
    QVERIFY2(timer.elapsed() >= 300, "dropped before it missed a ping");
    QVERIFY(alive->isConnected());
    QVERIFY(checks::isType(alive->ask(u"ping"_s), u"pong"_s));
    QCOMPARE(server.stop(), 0);
}

void tst_SlowReader::readerPastTheQueueBoundIsDroppedAndCatchesUp()
{
    // 1 MiB of queue: the stalled member is dropped instead of growing the server, and
    // resuming then paging history gives it every event: dropping loses nothing.
    ServerProcess server({u"--rate-per-s"_s, u"100000"_s, u"--burst"_s, u"100000"_s,
        u"--max-send-queue-bytes"_s, u"1048576"_s});
    QVERIFY(server.start());
    auto writer = TestClient::registered(server.url(), u"flood"_s);
    auto member = TestClient::registered(server.url(), u"sleepy"_s);
    QVERIFY(writer && member);
    const QString room =
        TestClient::roomIdOf(writer->createRoom(u"group"_s, u"Bounded"_s, {member->userId}));
    const QString token = member->token;
    member.reset();
    QSslSocket raw;
    raw.setReadBufferSize(4096);
    QByteArray in;
    QVERIFY(openRawSession(raw, server.url(), token, in));

    constexpr int count = 3000; // ~12 MB: more than the kernel buffers plus 1 MiB
    const QString text(3900, u'x');
    // In batches the writer reads between: it must stay under the bound itself.
    for (int batch = 0; batch < count; batch += 100) {
        QList<int> ids;
        for (int i = batch; i < batch + 100; ++i)
            ids << writer->send({{u"type"_s, u"send"_s}, {u"room"_s, room},
                {u"client_mid"_s, u"b-%1"_s.arg(i)}, {u"text"_s, text}});
        for (int id : ids)
            QCOMPARE(writer->awaitAnswer(id, 60000).value(u"type"_s).toString(), u"ack"_s);
    }

    raw.setReadBufferSize(0);
    qint64 lastSeq = 0;
    int received = 0;
    while (raw.state() == QAbstractSocket::ConnectedState || raw.bytesAvailable() > 0) {
        if (raw.bytesAvailable() == 0 && !raw.waitForReadyRead(10000))
            break;
        in += raw.readAll();
        for (const QJsonObject& f : takeFrames(in)) {
            const QJsonObject e = f.value(u"event"_s).toObject();
            if (f.value(u"type"_s) == u"event"_s && e.value(u"kind"_s) == u"message"_s) {
                QVERIFY(e.value(u"seq"_s).toInteger() > lastSeq);
                lastSeq = e.value(u"seq"_s).toInteger();
                ++received;
            }
        }
    }
    QCOMPARE(raw.state(), QAbstractSocket::UnconnectedState); // the server let go of it
    QVERIFY2(received < count, "the bound was never reached");

    TestClient back;
    QVERIFY(back.connectTo(server.url()));
    QCOMPARE(back.resume(token).value(u"type"_s), u"welcome"_s);
    bool more = true;
    while (more) {
        const QJsonObject page =
            back.ask(u"history"_s, {{u"room"_s, room}, {u"after"_s, lastSeq}, {u"limit"_s, 200}});
        QVERIFY(checks::isType(page, u"history"_s));
        for (const QJsonValue& v : page.value(u"events"_s).toArray()) {
            const QJsonObject e = v.toObject();
            QVERIFY(e.value(u"seq"_s).toInteger() > lastSeq);
            lastSeq = e.value(u"seq"_s).toInteger();
            if (e.value(u"kind"_s) == u"message"_s)
                ++received;
        }
        more = page.value(u"has_more"_s).toBool();
    }
    QCOMPARE(received, count);
    QCOMPARE(server.stop(), 0);
    QVERIFY(server.output().contains(u"stopped reading"_s));
}

QTEST_GUILESS_MAIN(tst_SlowReader)
#include "tst_slowreader.moc"
