// Presence against "Presence" of the contract: the status aggregated over a user's devices,
// who hears changes (only users sharing a room), the 2 s grace before offline (no flap on a
// quick reconnect), last_seen, and presence in `members` and `users` answers.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
QJsonObject setPresence(TestClient& c, const QString& status)
{
    return c.request({{u"type"_s, u"presence"_s}, {u"status"_s, status}});
}

std::function<bool(const QJsonObject&)> presenceOf(const QString& user, const QString& status)
{
    return [=](const QJsonObject& f) {
        return f.value(u"user"_s).toString() == user && f.value(u"status"_s).toString() == status;
    };
}

void settle(const QList<TestClient*>& devices)
{
    for (TestClient* c : devices)
        c->request({{u"type"_s, u"ping"_s}});
}

// The presence pushes `c` got from frame `from` on.
QList<QJsonObject> presenceSince(const TestClient& c, qsizetype from)
{
    QList<QJsonObject> found;
    for (qsizetype i = from; i < c.frames.size(); ++i) {
        if (c.frames[i].value(u"type"_s).toString() == u"presence"_s)
            found << c.frames[i];
    }
    return found;
}

QString describe(const QList<QJsonObject>& frames)
{
    QStringList lines;
    for (const QJsonObject& f : frames)
        lines << checks::compact(f);
    return lines.join(u"\n"_s);
}

// `user` as the `members` answer of `asker` for `room` shows it.
QJsonObject memberView(TestClient& asker, const QString& room, const QString& user)
{
    const QJsonObject answer = asker.request({{u"type"_s, u"members"_s}, {u"room"_s, room}});
    return checks::findBy(answer.value(u"members"_s).toArray(), u"user"_s, user);
}

// `user` as a `users` search for its username shows it.
QJsonObject userView(TestClient& asker, const TestClient& user)
{
    const QJsonObject answer =
        asker.request({{u"type"_s, u"users"_s}, {u"query"_s, user.username}});
    return checks::findBy(answer.value(u"users"_s).toArray(), u"id"_s, user.userId);
}

std::unique_ptr<TestClient> resumed(const QUrl& url, const QString& token)
{
    auto c = std::make_unique<TestClient>();
    if (!c->connectTo(url) || c->resume(token).value(u"type"_s).toString() != u"welcome"_s)
        return nullptr;
    return c;
}
} // namespace

class tst_Presence : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void aggregatesOverDevices();
    void onlyOnlineOrAwayMayBeSet_data();
    void onlyOnlineOrAwayMayBeSet();
    void quickReconnectDoesNotFlap();
    void offlineAfterGraceWithLastSeen();

private:
    std::unique_ptr<TestClient> user(const QString& prefix)
    {
        return TestClient::registered(m_server->url(), prefix);
    }
    std::unique_ptr<ServerProcess> m_server;
};

void tst_Presence::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start());
}

void tst_Presence::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_Presence::aggregatesOverDevices()
{
    auto a1 = user(u"ada"_s), b1 = user(u"bob"_s), eve = user(u"eve"_s);
    QVERIFY(a1 && b1 && eve);
    auto a2 = a1->anotherDevice(m_server->url()), b2 = b1->anotherDevice(m_server->url());
    QVERIFY(a2 && b2);
    const QString room =
        TestClient::roomIdOf(a1->createRoom(u"group"_s, u"Lounge"_s, {b1->userId}));
    QVERIFY(!room.isEmpty());
    QVERIFY(!TestClient::roomIdOf(eve->createRoom(u"group"_s, u"Elsewhere"_s)).isEmpty());
    const QList<TestClient*> all = {a1.get(), a2.get(), b1.get(), b2.get(), eve.get()};
    settle(all);
    const qsizetype fromB1 = b1->frames.size(), fromEve = eve->frames.size();
    QCOMPARE(memberView(*b1, room, a1->userId).value(u"presence"_s).toString(), u"online"_s);

    // Away on one device, online on the other: still online, and nothing is pushed. (A change
    // is pushed before the `ok`, so after the pings it would be here.)
    QVERIFY(isType(setPresence(*a1, u"away"_s), u"ok"_s));
    settle(all);
    QVERIFY2(
        presenceSince(*b1, fromB1).isEmpty(), qPrintable(describe(presenceSince(*b1, fromB1))));
    QCOMPARE(memberView(*b1, room, a1->userId).value(u"presence"_s).toString(), u"online"_s);
    QCOMPARE(userView(*eve, *a1).value(u"presence"_s).toString(), u"online"_s);

    // Both away: away, pushed to the co-member's devices and to ada's own.
    QVERIFY(isType(setPresence(*a2, u"away"_s), u"ok"_s));
    for (TestClient* c : {b1.get(), b2.get(), a1.get(), a2.get()}) {
        const QJsonObject push = c->awaitPush(u"presence"_s, presenceOf(a1->userId, u"away"_s));
        QVERIFY2(!push.isEmpty(), qPrintable(c->username));
        QVERIFY2(!push.contains(u"last_seen"_s), qPrintable(checks::compact(push)));
    }
    const QJsonObject member = memberView(*b1, room, a1->userId);
    QCOMPARE(member.value(u"presence"_s).toString(), u"away"_s);
    QVERIFY(!member.contains(u"last_seen"_s));
    QCOMPARE(userView(*eve, *a1).value(u"presence"_s).toString(), u"away"_s);
    QCOMPARE(userView(*b1, *b1).value(u"presence"_s).toString(), u"online"_s);

    // Saying away again changes nothing; one device back online makes the user online.
    QVERIFY(isType(setPresence(*a2, u"away"_s), u"ok"_s));
    QVERIFY(isType(setPresence(*a1, u"online"_s), u"ok"_s));
    QVERIFY(!b2->awaitPush(u"presence"_s, presenceOf(a1->userId, u"online"_s)).isEmpty());
    QVERIFY(isType(setPresence(*a1, u"away"_s), u"ok"_s));
    QVERIFY(!b2->awaitPush(u"presence"_s, presenceOf(a1->userId, u"away"_s)).isEmpty());

    // A new device starts online; when it leaves, the two away devices make her away again.
    auto a3 = a1->anotherDevice(m_server->url());
    QVERIFY(a3);
    QVERIFY(!b2->awaitPush(u"presence"_s, presenceOf(a1->userId, u"online"_s)).isEmpty());
    QCOMPARE(memberView(*b1, room, a1->userId).value(u"presence"_s).toString(), u"online"_s);
    a3->close();
    QVERIFY(!b2->awaitPush(u"presence"_s, presenceOf(a1->userId, u"away"_s)).isEmpty());

    settle(all);
    const QList<QJsonObject> seen = presenceSince(*b1, fromB1);
    QStringList statuses;
    for (const QJsonObject& p : seen)
        statuses << p.value(u"status"_s).toString();
    QCOMPARE(statuses, (QStringList {u"away"_s, u"online"_s, u"away"_s, u"online"_s, u"away"_s}));
    // Eve shares no room with ada: she heard nothing of it, though she can look it up.
    QVERIFY2(
        presenceSince(*eve, fromEve).isEmpty(), qPrintable(describe(presenceSince(*eve, fromEve))));
    QCOMPARE(userView(*eve, *a1).value(u"presence"_s).toString(), u"away"_s);
}

void tst_Presence::onlyOnlineOrAwayMayBeSet_data()
{
    QTest::addColumn<QJsonValue>("status");
    QTest::newRow("offline") << QJsonValue(u"offline"_s);
    QTest::newRow("unknown") << QJsonValue(u"busy"_s);
    QTest::newRow("empty") << QJsonValue(u""_s);
    QTest::newRow("number") << QJsonValue(1);
    QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined);
}

void tst_Presence::onlyOnlineOrAwayMayBeSet()
{
    QFETCH(QJsonValue, status);
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    const QString room =
        TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Pair"_s, {bob->userId}));
    QJsonObject request {{u"type"_s, u"presence"_s}};
    if (!status.isUndefined())
        request.insert(u"status"_s, status);
    const qsizetype from = bob->frames.size();
    QVERIFY(isError(ada->request(request), u"bad_request"_s));
    QVERIFY(ada->isConnected());
    settle({bob.get()});
    QVERIFY(presenceSince(*bob, from).isEmpty());
    QCOMPARE(memberView(*bob, room, ada->userId).value(u"presence"_s).toString(), u"online"_s);
}

void tst_Presence::quickReconnectDoesNotFlap()
{
    auto ada = user(u"ada"_s), b1 = user(u"bob"_s);
    QVERIFY(ada && b1);
    auto b2 = b1->anotherDevice(m_server->url());
    QVERIFY(b2);
    const QString room =
        TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Flaky"_s, {b1->userId}));
    settle({ada.get(), b1.get(), b2.get()});
    const qsizetype from1 = b1->frames.size(), from2 = b2->frames.size();

    // Ada's only device drops and comes back (resume) well inside the 2 s grace.
    QElapsedTimer gap;
    gap.start();
    ada->close();
    QVERIFY(ada->awaitClosed());
    auto again = resumed(m_server->url(), ada->token);
    QVERIFY(again);
    const qint64 reconnectMs = gap.elapsed();
    qInfo("reconnected after %lld ms", reconnectMs);
    QVERIFY2(reconnectMs < 1000, qPrintable(QString::number(reconnectMs)));

    // Neither an offline nor an online push, also after the grace is over.
    QVERIFY(b1->noPush(u"presence"_s, 2500));
    settle({b1.get(), b2.get()});
    QVERIFY2(presenceSince(*b1, from1).isEmpty(), qPrintable(describe(presenceSince(*b1, from1))));
    QVERIFY2(presenceSince(*b2, from2).isEmpty(), qPrintable(describe(presenceSince(*b2, from2))));
    const QJsonObject member = memberView(*b1, room, ada->userId);
    QCOMPARE(member.value(u"presence"_s).toString(), u"online"_s);
    QVERIFY(!member.contains(u"last_seen"_s));
    QCOMPARE(again->sendMessage(room, u"still here"_s).value(u"seq"_s).toInteger(), 1);
}

void tst_Presence::offlineAfterGraceWithLastSeen()
{
    auto a1 = user(u"ada"_s), bob = user(u"bob"_s), cy = user(u"cy"_s), eve = user(u"eve"_s);
    QVERIFY(a1 && bob && cy && eve);
    auto a2 = a1->anotherDevice(m_server->url());
    QVERIFY(a2);
    const QString room =
        TestClient::roomIdOf(a1->createRoom(u"group"_s, u"Watch"_s, {bob->userId, cy->userId}));
    QVERIFY(!room.isEmpty());
    // Cy leaves: sharing a room no more, he must hear nothing of ada from now on.
    QVERIFY(isType(cy->request({{u"type"_s, u"leave"_s}, {u"room"_s, room}}), u"ok"_s));
    settle({a1.get(), a2.get(), bob.get(), cy.get(), eve.get()});
    const qsizetype fromBob = bob->frames.size(), fromCy = cy->frames.size(),
                    fromEve = eve->frames.size();

    // One of two devices leaves: ada stays online, nobody hears of it (grace or not).
    a2->close();
    QVERIFY(a2->awaitClosed());
    QVERIFY(bob->noPush(u"presence"_s, 2500));
    QCOMPARE(memberView(*bob, room, a1->userId).value(u"presence"_s).toString(), u"online"_s);

    // The last device leaves: offline, but only after the grace, with last_seen ≈ now.
    QElapsedTimer sinceClose;
    const qint64 closedAt = QDateTime::currentMSecsSinceEpoch();
    sinceClose.start();
    a1->close();
    QVERIFY(a1->awaitClosed());
    // During the grace the user still shows online.
    QCOMPARE(memberView(*bob, room, a1->userId).value(u"presence"_s).toString(), u"online"_s);
    const QJsonObject offline =
        bob->awaitPush(u"presence"_s, presenceOf(a1->userId, u"offline"_s), 8000);
    const qint64 delay = sinceClose.elapsed();
    QVERIFY2(!offline.isEmpty(), qPrintable(describe(presenceSince(*bob, fromBob))));
    qInfo("offline pushed %lld ms after the last close", delay);
    QVERIFY2(delay >= 1500 && delay <= 4500, qPrintable(QString::number(delay)));
    const qint64 lastSeen = offline.value(u"last_seen"_s).toInteger(-1);
    QVERIFY2(qAbs(lastSeen - closedAt) <= 2000, qPrintable(checks::compact(offline)));
    QCOMPARE(presenceSince(*bob, fromBob).size(), 1); // no online/away/offline before it

    // The answers agree with the push.
    const QJsonObject member = memberView(*bob, room, a1->userId);
    QCOMPARE(member.value(u"presence"_s).toString(), u"offline"_s);
    QCOMPARE(member.value(u"last_seen"_s).toInteger(), lastSeen);
    const QJsonObject found = userView(*eve, *a1);
    QCOMPARE(found.value(u"presence"_s).toString(), u"offline"_s);
    QCOMPARE(found.value(u"last_seen"_s).toInteger(), lastSeen);

    // Back online: pushed at once, without last_seen; the answers drop last_seen too.
    auto back = a1->anotherDevice(m_server->url());
    QVERIFY(back);
    const QJsonObject online = bob->awaitPush(u"presence"_s, presenceOf(a1->userId, u"online"_s));
    QVERIFY(!online.isEmpty());
    QVERIFY2(!online.contains(u"last_seen"_s), qPrintable(checks::compact(online)));
    const QJsonObject now = memberView(*bob, room, a1->userId);
    QCOMPARE(now.value(u"presence"_s).toString(), u"online"_s);
    QVERIFY2(!now.contains(u"last_seen"_s), qPrintable(checks::compact(now)));
    QVERIFY(!userView(*eve, *a1).contains(u"last_seen"_s));

    // Neither the one who left the room nor the stranger heard any of it.
    settle({cy.get(), eve.get()});
    QVERIFY2(
        presenceSince(*cy, fromCy).isEmpty(), qPrintable(describe(presenceSince(*cy, fromCy))));
    QVERIFY2(
        presenceSince(*eve, fromEve).isEmpty(), qPrintable(describe(presenceSince(*eve, fromEve))));
}

QTEST_GUILESS_MAIN(tst_Presence)
#include "tst_presence.moc"
