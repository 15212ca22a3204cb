// Unread counts, read markers (receipts and badges) and the send rate limit, including the
// 4429 close for sustained flooding. Split from tst_events to keep each file readable.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

class tst_Receipts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void unreadAndMentions();
    void readMovesForwardOnly();
    void readOfEmptyRoomStaysAtZero();
    void rateLimited();
    void floodingCloses4429();

private:
    std::unique_ptr<ServerProcess> m_server;
};

namespace {
QJsonObject read(TestClient& c, const QString& room, qint64 seq)
{
    return c.request({{u"type"_s, u"read"_s}, {u"room"_s, room}, {u"seq"_s, seq}});
}

QJsonObject memberEntry(TestClient& c, const QString& room, const QString& user)
{
    const QJsonObject answer = c.request({{u"type"_s, u"members"_s}, {u"room"_s, room}});
    return checks::findBy(answer.value(u"members"_s).toArray(), u"user"_s, user);
}

QJsonObject roomView(TestClient& c, const QString& room)
{
    const QJsonObject answer = c.request({{u"type"_s, u"rooms"_s}});
    return checks::findBy(answer.value(u"rooms"_s).toArray(), u"id"_s, room);
}

// Sends `count` messages without waiting and returns the request ids, in order.
QList<int> pipeline(TestClient& c, const QString& room, int count, const QString& midPrefix)
{
    QList<int> ids;
    for (int i = 1; i <= count; ++i) {
        ids.append(c.send({{u"type"_s, u"send"_s}, {u"room"_s, room},
            {u"client_mid"_s, u"%1%2"_s.arg(midPrefix).arg(i)}, {u"text"_s, u"m %1"_s.arg(i)}}));
    }
    return ids;
}
} // namespace

void tst_Receipts::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start());
}

void tst_Receipts::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_Receipts::unreadAndMentions()
{
    auto a = TestClient::registered(m_server->url(), u"ada"_s);
    auto b = TestClient::registered(m_server->url(), u"bob"_s);
    auto cy = TestClient::registered(m_server->url(), u"cy"_s);
    QVERIFY(a && b && cy);
    TestClient& ada = *a;
    TestClient& bob = *b;
    const QString room = TestClient::roomIdOf(ada.createRoom(u"public"_s, u"Room"_s, {bob.userId}));
    QVERIFY(isType(bob.sendMessage(room, u"one"_s), u"ack"_s)); // 1
    QVERIFY(
        isType(bob.request({{u"type"_s, u"send"_s}, {u"room"_s, room}, {u"client_mid"_s, u"u-2"_s},
                   {u"text"_s, u"two"_s}, {u"mentions"_s, QJsonArray {ada.userId}}}),
            u"ack"_s)); // 2
    QVERIFY(isType(bob.sendMessage(room, u"three"_s), u"ack"_s)); // 3
    QVERIFY(isType(ada.sendMessage(room, u"mine"_s), u"ack"_s)); // 4
    QVERIFY(isType(ada.sendMessage(room, u"mine too"_s), u"ack"_s)); // 5
    // Joins, edits and reactions never count.
    QVERIFY(isType(cy->request({{u"type"_s, u"join"_s}, {u"room"_s, room}}), u"room"_s)); // 6
    QVERIFY(isType(bob.request({{u"type"_s, u"edit"_s}, {u"room"_s, room}, {u"target"_s, 1},
                       {u"text"_s, u"one!"_s}}),
        u"ack"_s)); // 7
    QVERIFY(isType(bob.request({{u"type"_s, u"react"_s}, {u"room"_s, room}, {u"target"_s, 4},
                       {u"emoji"_s, u"👍"_s}, {u"on"_s, true}}),
        u"ack"_s)); // 8

    const QJsonObject adaView = roomView(ada, room);
    QCOMPARE(adaView.value(u"last_seq"_s).toInteger(), 8);
    QCOMPARE(adaView.value(u"unread"_s).toInteger(), 3);
    QCOMPARE(adaView.value(u"mentions"_s).toInteger(), 1);
    const QJsonObject bobView = roomView(bob, room);
    QCOMPARE(bobView.value(u"unread"_s).toInteger(), 2);
    QCOMPARE(bobView.value(u"mentions"_s).toInteger(), 0);

    QVERIFY(
        isType(ada.request({{u"type"_s, u"read"_s}, {u"room"_s, room}, {u"seq"_s, 2}}), u"ok"_s));
    QCOMPARE(roomView(ada, room).value(u"unread"_s).toInteger(), 1);
    QCOMPARE(roomView(ada, room).value(u"mentions"_s).toInteger(), 0);
}

void tst_Receipts::readMovesForwardOnly()
{
    auto ada = TestClient::registered(m_server->url(), u"ada"_s);
    auto b1 = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(ada && b1);
    auto b2 = b1->anotherDevice(m_server->url());
    QVERIFY(b2);
    const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Room"_s, {b1->userId}));
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(ada->sendMessage(room, u"m%1"_s.arg(i)).value(u"seq"_s).toInteger(), i);
    // Whatever the messages pushed (events, badges) is behind us once a round trip is done.
    for (TestClient* c : {ada.get(), b1.get(), b2.get()}) {
        QVERIFY(isType(c->request({{u"type"_s, u"ping"_s}}), u"pong"_s));
        c->drain();
    }

    QVERIFY(isType(read(*b1, room, 2), u"ok"_s));
    QCOMPARE(b1->awaitPush(u"badge"_s).value(u"unread"_s).toInteger(), 1);
    for (TestClient* c : {ada.get(), b1.get(), b2.get()}) {
        const QJsonObject receipt = c->awaitPush(u"receipt"_s);
        QVERIFY(isType(receipt, u"receipt"_s));
        QCOMPARE(receipt.value(u"room"_s).toString(), room);
        QCOMPARE(receipt.value(u"user"_s).toString(), b1->userId);
        QCOMPARE(receipt.value(u"seq"_s).toInteger(), 2);
    }
    const QJsonObject badge = b2->awaitPush(u"badge"_s);
    QVERIFY(isType(badge, u"badge"_s));
    QCOMPARE(badge.value(u"room"_s).toString(), room);
    QCOMPARE(badge.value(u"unread"_s).toInteger(), 1);
    QCOMPARE(badge.value(u"mentions"_s).toInteger(), 0);
    QCOMPARE(memberEntry(*ada, room, b1->userId).value(u"last_read_seq"_s).toInteger(), 2);

    // Backwards is a no-op: answered ok, nobody hears of it, the marker stays.
    QVERIFY(isType(read(*b2, room, 1), u"ok"_s));
    QVERIFY(ada->noPush(u"receipt"_s));
    QVERIFY(b1->noPush(u"badge"_s, 0));
    QCOMPARE(memberEntry(*ada, room, b1->userId).value(u"last_read_seq"_s).toInteger(), 2);

    // Beyond the end clamps to last_seq.
    QVERIFY(isType(read(*b1, room, 100), u"ok"_s));
    QCOMPARE(ada->awaitPush(u"receipt"_s).value(u"seq"_s).toInteger(), 3);
    QCOMPARE(b2->awaitPush(u"badge"_s).value(u"unread"_s).toInteger(), 0);
    const QJsonObject view = roomView(*b1, room);
    QCOMPARE(view.value(u"last_read_seq"_s).toInteger(), 3);
    QCOMPARE(view.value(u"unread"_s).toInteger(), 0);

    // The clamp is to the last_seq at the time: a later message is unread again.
    QCOMPARE(ada->sendMessage(room, u"m4"_s).value(u"seq"_s).toInteger(), 4);
    QCOMPARE(roomView(*b1, room).value(u"unread"_s).toInteger(), 1);
}

void tst_Receipts::readOfEmptyRoomStaysAtZero()
{
    auto ada = TestClient::registered(m_server->url(), u"ada"_s);
    QVERIFY(ada);
    const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Empty"_s));
    QVERIFY(isType(read(*ada, room, 5), u"ok"_s));
    QVERIFY(ada->noPush(u"receipt"_s));
    QCOMPARE(roomView(*ada, room).value(u"last_read_seq"_s).toInteger(), 0);
    QCOMPARE(ada->sendMessage(room, u"first"_s).value(u"seq"_s).toInteger(), 1);
}

void tst_Receipts::rateLimited()
{
    ServerProcess server({u"--rate-per-s"_s, u"1"_s, u"--burst"_s, u"3"_s});
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    QVERIFY(ada);
    const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Slow"_s));
    // The second device logs in first: a login (Argon2) may take longer than a refill.
    auto ada2 = ada->anotherDevice(server.url());
    QVERIFY(ada2);
    const QList<int> ids = pipeline(*ada, room, 4, u"rl-"_s);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(ada->awaitAnswer(ids[i]).value(u"seq"_s).toInteger(), i + 1);
    const QJsonObject limited = ada->awaitAnswer(ids[3]);
    QVERIFY(isError(limited, u"rate_limited"_s));
    QVERIFY(limited.value(u"retry_after_ms"_s).toInteger() > 0);
    QVERIFY(limited.value(u"retry_after_ms"_s).toInteger() <= 1000);
    // The bucket is the user's, not the connection's: another device finds it empty too.
    QVERIFY(isError(ada2->sendMessage(room, u"other device"_s, u"rl-5"_s), u"rate_limited"_s));

    const QJsonArray events =
        ada->request({{u"type"_s, u"history"_s}, {u"room"_s, room}}).value(u"events"_s).toArray();
    QCOMPARE(checks::seqsOf(events), checks::seqRange(1, 3));
    QVERIFY(checks::findBy(events, u"client_mid"_s, u"rl-4"_s).isEmpty());
    QVERIFY(ada->isConnected());
    QCOMPARE(server.stop(), 0);
}

void tst_Receipts::floodingCloses4429()
{
    ServerProcess server({u"--rate-per-s"_s, u"1"_s, u"--burst"_s, u"1"_s});
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    QVERIFY(ada);
    const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Flood"_s));
    QElapsedTimer flood;
    flood.start();
    pipeline(*ada, room, 80, u"fl-"_s);
    QVERIFY(ada->awaitClosed());
    QCOMPARE(ada->closeCode(), 4429);
    const qint64 elapsed = flood.elapsed();
    // The close came after rate_limited answers, not instead of them.
    QSet<QString> acked;
    int limited = 0;
    for (const QJsonObject& f : std::as_const(ada->frames)) {
        limited += f.value(u"code"_s).toString() == u"rate_limited"_s;
        if (f.value(u"type"_s).toString() == u"ack"_s)
            acked.insert(f.value(u"client_mid"_s).toString());
    }
    QVERIFY2(limited >= 1, qPrintable(QString::number(limited)));

    // Refused sends left nothing: what is stored is the burst plus the refill while flooding
    // (a stored send's ack may be cut off by the close), and every ack is among it.
    TestClient again;
    QVERIFY(again.connectTo(server.url()));
    QVERIFY(isType(again.resume(ada->token), u"welcome"_s));
    const QJsonArray events =
        again.request({{u"type"_s, u"history"_s}, {u"room"_s, room}}).value(u"events"_s).toArray();
    QVERIFY(!events.isEmpty());
    QVERIFY2(
        events.size() <= 1 + (elapsed + 999) / 1000, qPrintable(QString::number(events.size())));
    QCOMPARE(checks::seqsOf(events), checks::seqRange(1, events.size()));
    for (const QString& mid : std::as_const(acked))
        QVERIFY(!checks::findBy(events, u"client_mid"_s, mid).isEmpty());
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_Receipts)
#include "tst_receipts.moc"
