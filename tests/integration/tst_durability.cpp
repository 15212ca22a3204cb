// Durability: a clean restart keeps users, tokens, rooms, members, events, read markers and
// idempotency keys; a SIGKILL in the middle of a send stream loses no acknowledged event,
// leaves no gap and no duplicate, and resending everything converges on exactly one copy.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
constexpr int kStream = 2000;
constexpr int kKillAfterAcks = 300;

QString midOf(int i)
{
    return u"k-%1"_s.arg(i);
}

// Every event of a room, paging forward with `after`; empty on any error.
QJsonArray fullHistory(TestClient& c, const QString& room)
{
    QJsonArray all;
    qint64 after = 0;
    for (;;) {
        const QJsonObject page = c.request(
            {{u"type"_s, u"history"_s}, {u"room"_s, room}, {u"after"_s, after}, {u"limit"_s, 200}});
        if (!isType(page, u"history"_s))
            return {};
        const QJsonArray events = page.value(u"events"_s).toArray();
        for (const QJsonValue& e : events)
            all.append(e);
        if (!page.value(u"has_more"_s).toBool() || events.isEmpty())
            return all;
        after = events.last().toObject().value(u"seq"_s).toInteger();
    }
}

QJsonObject withoutRe(QJsonObject frame)
{
    frame.remove(u"re"_s);
    return frame;
}
} // namespace

class tst_Durability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void restartKeepsEverything();
    void killDuringSendStreamLosesNoAck();
};

void tst_Durability::restartKeepsEverything()
{
    ServerProcess server;
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    auto bob = TestClient::registered(server.url(), u"bob"_s);
    QVERIFY(ada && bob);
    const QString adaId = ada->userId, adaName = ada->username, bobId = bob->userId,
                  bobToken = bob->token;
    const QString room =
        TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Keep"_s, {bob->userId}));
    QList<QJsonObject> acks;
    for (int i = 1; i <= 3; ++i) {
        acks.append(ada->sendMessage(room, u"kept %1"_s.arg(i), u"d-%1"_s.arg(i)));
        QCOMPARE(acks.last().value(u"seq"_s).toInteger(), i);
    }
    QVERIFY(
        isType(bob->request({{u"type"_s, u"read"_s}, {u"room"_s, room}, {u"seq"_s, 2}}), u"ok"_s));
    const QJsonObject roomsBefore = withoutRe(ada->request({{u"type"_s, u"rooms"_s}}));
    const QJsonObject historyBefore =
        withoutRe(ada->request({{u"type"_s, u"history"_s}, {u"room"_s, room}}));
    QJsonArray membersBefore =
        ada->request({{u"type"_s, u"members"_s}, {u"room"_s, room}}).value(u"members"_s).toArray();
    ada.reset();
    bob.reset();

    QVERIFY(server.restart());
    TestClient a; // a password login: the user survived
    QVERIFY(a.connectTo(server.url()));
    QVERIFY(isType(a.login(adaName), u"welcome"_s));
    QCOMPARE(a.userId, adaId);
    TestClient b; // a resume: the token survived
    QVERIFY(b.connectTo(server.url()));
    QVERIFY(isType(b.resume(bobToken), u"welcome"_s));
    QCOMPARE(b.userId, bobId);

    QCOMPARE(withoutRe(a.request({{u"type"_s, u"rooms"_s}})), roomsBefore);
    QCOMPARE(withoutRe(a.request({{u"type"_s, u"history"_s}, {u"room"_s, room}})), historyBefore);
    const QJsonArray membersAfter =
        a.request({{u"type"_s, u"members"_s}, {u"room"_s, room}}).value(u"members"_s).toArray();
    QCOMPARE(membersAfter.size(), membersBefore.size());
    for (const QJsonValue& m : std::as_const(membersBefore)) {
        const QJsonObject after = checks::findBy(membersAfter, u"user"_s, m[u"user"_s].toString());
        QCOMPARE(after.value(u"role"_s), m[u"role"_s]);
        QCOMPARE(after.value(u"last_read_seq"_s), m[u"last_read_seq"_s]);
    }
    const QJsonObject bobView = checks::findBy(
        b.request({{u"type"_s, u"rooms"_s}}).value(u"rooms"_s).toArray(), u"id"_s, room);
    QCOMPARE(bobView.value(u"last_read_seq"_s).toInteger(), 2);
    QCOMPARE(bobView.value(u"unread"_s).toInteger(), 1);

    // Idempotency keys survived: the old client_mid gets the original ack back, unpushed.
    const QJsonObject again = a.sendMessage(room, u"kept 2"_s, u"d-2"_s);
    QVERIFY(isType(again, u"ack"_s));
    QCOMPARE(again.value(u"duplicate"_s).toBool(), true);
    QCOMPARE(again.value(u"seq"_s).toInteger(), 2);
    QCOMPARE(again.value(u"ts"_s).toInteger(), acks[1].value(u"ts"_s).toInteger());
    QVERIFY(b.noPush(u"event"_s));
    QCOMPARE(a.sendMessage(room, u"new"_s, u"d-4"_s).value(u"seq"_s).toInteger(), 4);
    QCOMPARE(server.stop(), 0);
}

void tst_Durability::killDuringSendStreamLosesNoAck()
{
    ServerProcess server({u"--rate-per-s"_s, u"100000"_s, u"--burst"_s, u"100000"_s});
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    QVERIFY(ada);
    const QString adaName = ada->username;
    const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Stream"_s));
    QVERIFY(!room.isEmpty());

    // Every ack that arrives, including those already on the wire when the server dies.
    QHash<QString, qint64> acked;
    int errors = 0;
    bool killed = false;
    connect(ada.get(), &TestClient::frameReceived, this, [&](const QJsonObject& f) {
        if (f.value(u"type"_s).toString() == u"error"_s)
            ++errors;
        if (f.value(u"type"_s).toString() != u"ack"_s)
            return;
        acked.insert(f.value(u"client_mid"_s).toString(), f.value(u"seq"_s).toInteger());
        if (!killed && acked.size() >= kKillAfterAcks) {
            killed = true;
            server.kill();
        }
    });
    for (int i = 1; i <= kStream; ++i) {
        ada->send({{u"type"_s, u"send"_s}, {u"room"_s, room}, {u"client_mid"_s, midOf(i)},
            {u"text"_s, u"stream %1"_s.arg(i)}});
    }
    QVERIFY(ada->awaitClosed(30000));
    QVERIFY(killed);
    QCOMPARE(errors, 0);
    const auto ackedAtClose = acked.size();
    ada.reset();

    QVERIFY(server.restart());
    TestClient a;
    QVERIFY(a.connectTo(server.url()));
    QVERIFY(isType(a.login(adaName), u"welcome"_s));
    const QJsonArray stored = fullHistory(a, room);
    qInfo("acks received before the connection died: %lld; events stored: %lld",
        qint64(ackedAtClose), qint64(stored.size()));
    QVERIFY(stored.size() >= ackedAtClose);
    QVERIFY(stored.size() <= kStream);
    QCOMPARE(checks::seqsOf(stored), checks::seqRange(1, stored.size())); // gapless
    QHash<QString, qint64> storedSeq;
    for (const QJsonValue& e : stored) {
        const QString mid = e[u"client_mid"_s].toString();
        QVERIFY2(!storedSeq.contains(mid), qPrintable(mid)); // no client_mid twice
        storedSeq.insert(mid, e[u"seq"_s].toInteger());
    }
    for (auto it = acked.cbegin(); it != acked.cend(); ++it)
        QCOMPARE(storedSeq.value(it.key(), -1), it.value()); // every ack is stored as acked

    // Resending the whole stream converges: what is stored comes back as a duplicate with its
    // seq, the rest is stored now.
    QHash<QString, QJsonObject> resent;
    connect(&a, &TestClient::frameReceived, this, [&](const QJsonObject& f) {
        if (f.value(u"type"_s).toString() == u"ack"_s ||
            f.value(u"type"_s).toString() == u"error"_s)
            resent.insert(f.value(u"client_mid"_s).toString(), f);
    });
    for (int i = 1; i <= kStream; ++i) {
        a.send({{u"type"_s, u"send"_s}, {u"room"_s, room}, {u"client_mid"_s, midOf(i)},
            {u"text"_s, u"stream %1"_s.arg(i)}});
    }
    QTRY_COMPARE_WITH_TIMEOUT(resent.size(), kStream, 30000);
    for (int i = 1; i <= kStream; ++i) {
        const QJsonObject ack = resent.value(midOf(i));
        QVERIFY(isType(ack, u"ack"_s));
        const bool wasStored = storedSeq.contains(midOf(i));
        QCOMPARE(ack.value(u"duplicate"_s).toBool(), wasStored);
        if (wasStored)
            QCOMPARE(ack.value(u"seq"_s).toInteger(), storedSeq.value(midOf(i)));
    }
    const QJsonArray final = fullHistory(a, room);
    QCOMPARE(checks::seqsOf(final), checks::seqRange(1, kStream));
    QSet<QString> mids;
    for (const QJsonValue& e : final)
        mids.insert(e[u"client_mid"_s].toString());
    QCOMPARE(mids.size(), kStream);
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_Durability)
#include "tst_durability.moc"
