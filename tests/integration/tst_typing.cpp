// Typing indicators against "Typing" of the contract: who hears a typing state, and the three
// ways the server ends one by itself (6 s without refresh, a message, the last device leaving).
// Users have two devices; the timeouts are measured on the test's clock.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
QJsonObject typing(TestClient& c, const QString& room, bool active)
{
    return c.request({{u"type"_s, u"typing"_s}, {u"room"_s, room}, {u"active"_s, active}});
}

std::function<bool(const QJsonObject&)> typingOf(
    const QString& room, const QString& user, bool active)
{
    return [=](const QJsonObject& f) {
        return f.value(u"room"_s).toString() == room && f.value(u"user"_s).toString() == user &&
            f.value(u"active"_s).toBool(!active) == active;
    };
}

void settle(const QList<TestClient*>& devices)
{
    for (TestClient* c : devices)
        c->request({{u"type"_s, u"ping"_s}});
}

// The typing pushes `c` got from frame `from` on.
QList<QJsonObject> typingSince(const TestClient& c, qsizetype from)
{
    QList<QJsonObject> found;
    for (qsizetype i = from; i < c.frames.size(); ++i) {
        if (c.frames[i].value(u"type"_s).toString() == u"typing"_s)
            found << c.frames[i];
    }
    return found;
}

// Records when (on `clock`) the first push matching `match` reached `c`.
class Arrival : public QObject
{
public:
    Arrival(
        TestClient& c, const QElapsedTimer& clock, std::function<bool(const QJsonObject&)> match)
    {
        connect(&c, &TestClient::frameReceived, this, [this, &clock, match](const QJsonObject& f) {
            if (at < 0 && f.value(u"type"_s).toString() == u"typing"_s && match(f))
                at = clock.elapsed();
        });
    }
    qint64 at = -1;
};
} // namespace

class tst_Typing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void pushedToOthersAndOtherDevices();
    void membersOnly();
    void expiresSixSecondsAfterLastRefresh();
    void endsWhenTheUserSends();
    void endsWhenTheLastDeviceLeaves();

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<TestClient> a1, a2, b1, b2;
    QString room;
};

void tst_Typing::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start());
}

void tst_Typing::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

// Fresh users for every test: ada and bob with two devices each, in one group room.
void tst_Typing::init()
{
    a1 = TestClient::registered(m_server->url(), u"ada"_s);
    b1 = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(a1 && b1);
    a2 = a1->anotherDevice(m_server->url());
    b2 = b1->anotherDevice(m_server->url());
    QVERIFY(a2 && b2);
    room = TestClient::roomIdOf(a1->createRoom(u"group"_s, u"Typists"_s, {b1->userId}));
    QVERIFY(!room.isEmpty());
}

void tst_Typing::pushedToOthersAndOtherDevices()
{
    const QList<TestClient*> all = {a1.get(), a2.get(), b1.get(), b2.get()};
    qsizetype fromA1 = a1->frames.size();
    QVERIFY(isType(typing(*a1, room, true), u"ok"_s));
    for (TestClient* c : {a2.get(), b1.get(), b2.get()}) {
        const QJsonObject push = c->awaitPush(u"typing"_s, typingOf(room, a1->userId, true));
        QCOMPARE(push.value(u"active"_s).toBool(), true);
        QVERIFY(!push.contains(u"re"_s));
    }
    settle(all);
    QVERIFY(typingSince(*a1, fromA1).isEmpty()); // not echoed to the typing device

    // Bob types from his second device: ada's devices and his first one hear it.
    const qsizetype fromB2 = b2->frames.size();
    QVERIFY(isType(typing(*b2, room, true), u"ok"_s));
    for (TestClient* c : {a1.get(), a2.get(), b1.get()})
        QVERIFY(!c->awaitPush(u"typing"_s, typingOf(room, b1->userId, true)).isEmpty());

    // active:false from the client ends the state at once (well before any timeout).
    QElapsedTimer clock;
    clock.start();
    fromA1 = a1->frames.size();
    QVERIFY(isType(typing(*a1, room, false), u"ok"_s));
    for (TestClient* c : {a2.get(), b1.get(), b2.get()})
        QVERIFY(!c->awaitPush(u"typing"_s, typingOf(room, a1->userId, false), 1500).isEmpty());
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(isType(typing(*b2, room, false), u"ok"_s));
    QVERIFY(!b1->awaitPush(u"typing"_s, typingOf(room, b1->userId, false), 1500).isEmpty());
    settle(all);
    QCOMPARE(typingSince(*a1, fromA1).size(), 1); // only bob's false, never her own
    QVERIFY(typingOf(room, b1->userId, false)(typingSince(*a1, fromA1).value(0)));
    QCOMPARE(typingSince(*b2, fromB2).size(), 1); // ada's false, never his own
    QVERIFY(typingOf(room, a1->userId, false)(typingSince(*b2, fromB2).value(0)));
    // A second false has no state to end: nobody hears anything.
    const qsizetype fromB1 = b1->frames.size();
    QVERIFY(isType(typing(*a1, room, false), u"ok"_s));
    QVERIFY(b1->noPush(u"typing"_s, 300));
    QVERIFY(typingSince(*b1, fromB1).isEmpty());
}

void tst_Typing::membersOnly()
{
    auto eve = TestClient::registered(m_server->url(), u"eve"_s);
    QVERIFY(eve);
    const qsizetype fromB1 = b1->frames.size();
    QVERIFY(isError(typing(*eve, room, true), u"forbidden"_s));
    QVERIFY(isError(typing(*eve, u"987654321"_s, true), u"forbidden"_s));
    QVERIFY(isError(eve->request({{u"type"_s, u"typing"_s}, {u"room"_s, room}}), u"bad_request"_s));
    QVERIFY(isError(a1->request({{u"type"_s, u"typing"_s}, {u"room"_s, room}}), u"bad_request"_s));
    settle({a2.get(), b1.get()});
    QVERIFY(typingSince(*b1, fromB1).isEmpty());
    QVERIFY(typingSince(*a2, 0).isEmpty());

    // Typing is per room: ada typing elsewhere is not heard here by eve, nor by bob.
    const QString own = TestClient::roomIdOf(a1->createRoom(u"group"_s, u"Alone"_s));
    const qsizetype fromEve = eve->frames.size();
    QVERIFY(isType(typing(*a1, own, true), u"ok"_s));
    QVERIFY(!a2->awaitPush(u"typing"_s, typingOf(own, a1->userId, true)).isEmpty());
    settle({b1.get(), eve.get()});
    QVERIFY(typingSince(*b1, fromB1).isEmpty());
    QVERIFY(typingSince(*eve, fromEve).isEmpty());
    QVERIFY(isType(typing(*a1, own, false), u"ok"_s));
}

void tst_Typing::expiresSixSecondsAfterLastRefresh()
{
    QElapsedTimer clock;
    clock.start();
    Arrival ended(*b1, clock, typingOf(room, a1->userId, false));
    Arrival endedOnA2(*a2, clock, typingOf(room, a1->userId, false));
    QVERIFY(isType(typing(*a1, room, true), u"ok"_s));
    QVERIFY(!b2->awaitPush(u"typing"_s, typingOf(room, a1->userId, true)).isEmpty());
    // The client repeats active:true (at most every 3 s, as the contract asks); each refresh
    // restarts the timeout: a timer kept from the first true would end it 1 s after the last.
    qint64 lastRefresh = 0;
    for (int i = 0; i < 2; ++i) {
        QTest::qWait(2500);
        lastRefresh = clock.elapsed();
        QVERIFY(isType(typing(*a2, room, true), u"ok"_s));
    }
    QCOMPARE(ended.at, -1);

    QTRY_VERIFY_WITH_TIMEOUT(ended.at >= 0, 9000);
    const qint64 afterRefresh = ended.at - lastRefresh;
    qInfo("typing expiry measured %lld ms after the last refresh", afterRefresh);
    QVERIFY2(
        afterRefresh >= 5000 && afterRefresh <= 7000, qPrintable(QString::number(afterRefresh)));
    // The refreshing device itself hears the expiry too (nobody else ended it).
    QTRY_VERIFY_WITH_TIMEOUT(endedOnA2.at >= 0, 2000);
    QVERIFY(!b2->awaitPush(u"typing"_s, typingOf(room, a1->userId, false), 2000).isEmpty());
    // On bob's device: the first true, one per refresh, then one false, and nothing after.
    for (int i = 0; i < 3; ++i)
        QVERIFY(!b1->awaitPush(u"typing"_s, typingOf(room, a1->userId, true), 0).isEmpty());
    QVERIFY(!b1->awaitPush(u"typing"_s, typingOf(room, a1->userId, false), 0).isEmpty());
    QVERIFY(b1->noPush(u"typing"_s, 500));
}

void tst_Typing::endsWhenTheUserSends()
{
    const QString other =
        TestClient::roomIdOf(a1->createRoom(u"group"_s, u"Other"_s, {b1->userId}));
    QVERIFY(isType(typing(*a1, room, true), u"ok"_s));
    QVERIFY(isType(typing(*a1, other, true), u"ok"_s));
    for (TestClient* c : {b1.get(), b2.get()}) {
        QVERIFY(!c->awaitPush(u"typing"_s, typingOf(room, a1->userId, true)).isEmpty());
        QVERIFY(!c->awaitPush(u"typing"_s, typingOf(other, a1->userId, true)).isEmpty());
    }
    const qsizetype from = b1->frames.size(), fromB2 = b2->frames.size();
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(a2->sendMessage(room, u"done typing"_s).value(u"seq"_s).toInteger(), 1);
    QVERIFY(!b1->awaitPush(u"event"_s).isEmpty());
    settle({b1.get(), b2.get()});
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));

    // On bob's device: the false for this room comes before the message, and only this room.
    qsizetype falseAt = -1, eventAt = -1;
    for (qsizetype i = from; i < b1->frames.size(); ++i) {
        const QJsonObject& f = b1->frames[i];
        if (f.value(u"type"_s).toString() == u"typing"_s) {
            QVERIFY2(typingOf(room, a1->userId, false)(f), qPrintable(checks::compact(f)));
            falseAt = i;
        } else if (f.value(u"type"_s).toString() == u"event"_s) {
            eventAt = i;
        }
    }
    QVERIFY(falseAt >= 0 && eventAt >= 0);
    QVERIFY2(falseAt < eventAt, "the typing false must come before the message event");
    QVERIFY(!b2->awaitPush(u"typing"_s, typingOf(room, a1->userId, false)).isEmpty());

    // A message with no state to end pushes no false; ada's state in the other room stays.
    QVERIFY(isType(typing(*b1, room, true), u"ok"_s));
    QVERIFY(!a1->awaitPush(u"typing"_s, typingOf(room, b1->userId, true)).isEmpty());
    QCOMPARE(a1->sendMessage(room, u"again"_s).value(u"seq"_s).toInteger(), 2);
    settle({b1.get(), b2.get()});
    const QList<QJsonObject> onB2 = typingSince(*b2, fromB2);
    QCOMPARE(onB2.size(), 2); // ada's false, then bob's own true from his other device
    QVERIFY(typingOf(room, a1->userId, false)(onB2[0]));
    QVERIFY(typingOf(room, b1->userId, true)(onB2[1]));
    QVERIFY(isType(typing(*a1, other, false), u"ok"_s));
    QVERIFY(!b2->awaitPush(u"typing"_s, typingOf(other, a1->userId, false), 1500).isEmpty());
    QCOMPARE(b1->sendMessage(room, u"me too"_s).value(u"seq"_s).toInteger(), 3);
    QVERIFY(!a1->awaitPush(u"typing"_s, typingOf(room, b1->userId, false), 1500).isEmpty());
}

void tst_Typing::endsWhenTheLastDeviceLeaves()
{
    QVERIFY(isType(typing(*a1, room, true), u"ok"_s));
    QVERIFY(!b1->awaitPush(u"typing"_s, typingOf(room, a1->userId, true)).isEmpty());
    QElapsedTimer clock;
    clock.start();

    // One of ada's two devices leaves (the typing one): her state goes on.
    const qsizetype from = b1->frames.size();
    a1->close();
    QVERIFY(a1->awaitClosed());
    QVERIFY(b1->noPush(u"typing"_s, 1500));
    settle({b1.get()});
    QVERIFY(typingSince(*b1, from).isEmpty());

    // The last one leaves: the state ends at once, long before the 6 s timeout.
    Arrival ended(*b2, clock, typingOf(room, a1->userId, false));
    const qint64 closedAt = clock.elapsed();
    a2->close();
    QVERIFY(!b1->awaitPush(u"typing"_s, typingOf(room, a1->userId, false), 4000).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(ended.at >= 0, 2000);
    qInfo("typing ended %lld ms after the last device closed", ended.at - closedAt);
    QVERIFY2(ended.at - closedAt < 2000, qPrintable(QString::number(ended.at - closedAt)));
    QVERIFY2(ended.at < 5000, qPrintable(QString::number(ended.at)));
    // ... and only once.
    QVERIFY(b1->noPush(u"typing"_s, 300));
}

QTEST_GUILESS_MAIN(tst_Typing)
#include "tst_typing.moc"
