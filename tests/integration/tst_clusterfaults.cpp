// Faults of a cluster: a node killed with -9 while its clients send, and Redis restarted
// while they send. Nothing acknowledged is lost, nothing is delivered twice or out of order.
#include "tst_cluster.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace {
QString midOf(const QJsonObject& frame)
{
    return frame.value(u"client_mid"_s).toString();
}

// The client_mids of every ack a client got.
QSet<QString> ackedMids(const TestClient& client)
{
    QSet<QString> mids;
    for (const QJsonObject& f : client.frames)
        if (f.value(u"type"_s) == u"ack"_s)
            mids.insert(midOf(f));
    return mids;
}

// What a failed wait prints: every reply that was not an ack (an error says why a send failed).
QByteArray unackedReplies(const TestClient& client)
{
    QByteArray text;
    for (const QJsonObject& f : client.frames)
        if (f.value(u"type"_s) == u"error"_s)
            text += QJsonDocument(f).toJson(QJsonDocument::Compact) + '\n';
    return text;
}

// Waits until `client` has `count` acks; on timeout fails and shows the errors it got.
bool awaitAcks(const TestClient& client, qsizetype count, int timeoutMs)
{
    if (QTest::qWaitFor([&] { return ackedMids(client).size() >= count; }, timeoutMs))
        return true;
    qWarning("%lld of %lld acks; errors:\n%s", qint64(ackedMids(client).size()), qint64(count),
        unackedReplies(client).constData());
    return false;
}

// Waits until `client` has `count` events of `room`; on timeout fails and shows which seqs
// are missing and what the nodes logged.
bool awaitEvents(
    const TestClient& client, const QString& room, qsizetype count, int timeoutMs, Cluster& cluster)
{
    if (QTest::qWaitFor([&] { return seqsOf(client, room).size() >= count; }, timeoutMs))
        return true;
    const QList<qint64> seqs = seqsOf(client, room);
    const QSet<qint64> got(seqs.cbegin(), seqs.cend());
    QStringList missing;
    for (qint64 seq = 1; seq <= count; ++seq)
        if (!got.contains(seq))
            missing.append(QString::number(seq));
    qWarning("%s has %lld of %lld events; missing seqs %s", qPrintable(client.userId),
        qint64(seqs.size()), qint64(count), qPrintable(missing.join(u',')));
    for (int i = 0; i < cluster.size(); ++i)
        qWarning("node %d logged:\n%s", i + 1, qPrintable(cluster.node(i).output().right(4000)));
    return false;
}

void sendBatch(TestClient& c, const QString& room, const QString& prefix, int from, int to)
{
    for (int i = from; i < to; ++i)
        c.send({{u"type"_s, u"send"_s}, {u"room"_s, room},
            {u"client_mid"_s, u"%1-%2"_s.arg(prefix).arg(i)}, {u"text"_s, u"m%1"_s.arg(i)}});
}

// Every message of the room in history, by client_mid (duplicates counted).
QHash<QString, int> historyMids(TestClient& c, const QString& room)
{
    QHash<QString, int> mids;
    std::optional<qint64> after = 0;
    while (after) {
        const QJsonObject page =
            c.ask(u"history"_s, {{u"room"_s, room}, {u"after"_s, *after}, {u"limit"_s, 200}});
        const QJsonArray events = page.value(u"events"_s).toArray();
        for (const QJsonValue v : events) {
            const QJsonObject e = v.toObject();
            if (e.value(u"kind"_s) == u"message"_s)
                ++mids[e.value(u"client_mid"_s).toString()];
            after = e.value(u"seq"_s).toInteger();
        }
        if (!page.value(u"has_more"_s).toBool())
            after.reset();
    }
    return mids;
}
} // namespace

class TestClusterFaults : public QObject
{
    Q_OBJECT

    std::unique_ptr<Cluster> m_cluster;

private Q_SLOTS:
    void init()
    {
        m_cluster = std::make_unique<Cluster>();
        // No send may be refused for its rate here: each counts.
        QVERIFY(m_cluster->start(3, {u"--rate-per-s"_s, u"100000"_s, u"--burst"_s, u"100000"_s}));
    }
    void cleanup() { m_cluster.reset(); }

    void nodeKilledUnderLoadLosesNothing()
    {
        constexpr int kMessages = 1500;
        auto ada = TestClient::registered(m_cluster->url(0), u"ada"_s);
        auto bob = TestClient::registered(m_cluster->url(1), u"bob"_s);
        auto cyd = TestClient::registered(m_cluster->url(2), u"cyd"_s);
        QVERIFY(ada && bob && cyd);
        const QString room = TestClient::roomIdOf(
            ada->createRoom(u"group"_s, u"load"_s, {bob->userId, cyd->userId}));
        QVERIFY(!bob->awaitPush(u"room_added"_s).isEmpty());
        QVERIFY(!cyd->awaitPush(u"room_added"_s).isEmpty());

        // Sustained load: 100 sends in flight, one more for each ack, until the node dies.
        constexpr int kInFlight = 100;
        int next = kInFlight;
        sendBatch(*ada, room, u"a"_s, 0, kInFlight);
        const auto pump =
            connect(ada.get(), &TestClient::frameReceived, this, [&](const QJsonObject& frame) {
                if (frame.value(u"type"_s) == u"ack"_s && next < kMessages)
                    sendBatch(*ada, room, u"a"_s, next, next + 1), ++next;
            });
        QTRY_VERIFY_WITH_TIMEOUT(ackedMids(*ada).size() >= 500, 30000);
        m_cluster->node(0).kill(); // mid-stream: some sends committed, some not, some unacked
        disconnect(pump);
        const QSet<QString> ackedBefore = ackedMids(*ada);
        QVERIFY2(ackedBefore.size() < kMessages, "the node must die under load");
        QVERIFY(ada->awaitClosed());

        // The client reconnects to another node and sends again what has no ack.
        TestClient again;
        QVERIFY(again.connectTo(m_cluster->url(1)));
        QCOMPARE(again.resume(ada->token).value(u"type"_s).toString(), u"welcome"_s);
        QList<int> missing;
        for (int i = 0; i < kMessages; ++i)
            if (!ackedBefore.contains(u"a-%1"_s.arg(i)))
                missing.append(i);
        qsizetype resent = 0;
        const auto resend = [&] {
            sendBatch(again, room, u"a"_s, missing[resent], missing[resent] + 1), ++resent;
        };
        connect(&again, &TestClient::frameReceived, this, [&](const QJsonObject& frame) {
            if (frame.value(u"type"_s) == u"ack"_s && resent < missing.size())
                resend();
        });
        while (resent < std::min<qsizetype>(kInFlight, missing.size()))
            resend();
        QVERIFY(awaitAcks(again, kMessages - ackedBefore.size(), 30000));
        QCOMPARE(ackedMids(again).size(), kMessages - ackedBefore.size());

        // Clients that stayed on n2 and n3 got every message once, in order, without a sync.
        for (TestClient* c : {bob.get(), cyd.get()}) {
            QVERIFY(awaitEvents(*c, room, kMessages, 60000, *m_cluster));
            QCOMPARE(seqsOf(*c, room).size(), kMessages);
            QVERIFY(isGapless(seqsOf(*c, room)));
        }
        const QHash<QString, int> stored = historyMids(*bob, room);
        QCOMPARE(stored.size(), kMessages);
        for (auto it = stored.cbegin(); it != stored.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
        for (const QString& mid : ackedBefore)
            QVERIFY(stored.contains(mid));
    }

    void redisRestartedUnderLoadRecovers()
    {
        constexpr int kBatch = 40;
        auto ada = TestClient::registered(m_cluster->url(0), u"ada"_s);
        auto bob = TestClient::registered(m_cluster->url(1), u"bob"_s);
        QVERIFY(ada && bob);
        const QString room =
            TestClient::roomIdOf(ada->createRoom(u"group"_s, u"bus"_s, {bob->userId}));
        QVERIFY(!bob->awaitPush(u"room_added"_s).isEmpty());

        sendBatch(*ada, room, u"a"_s, 0, kBatch);
        sendBatch(*bob, room, u"b"_s, 0, kBatch);
        QTRY_VERIFY_WITH_TIMEOUT(ackedMids(*ada).size() >= kBatch / 2, 20000);
        QVERIFY(m_cluster->redis().stop() != -2); // stopped under load
        // Both nodes keep serving their own clients without the bus.
        sendBatch(*ada, room, u"a"_s, kBatch, 2 * kBatch);
        sendBatch(*bob, room, u"b"_s, kBatch, 2 * kBatch);
        QVERIFY(awaitAcks(*ada, 2 * kBatch, 20000));
        QVERIFY(awaitAcks(*bob, 2 * kBatch, 20000));
        QVERIFY(m_cluster->redis().start());
        sendBatch(*ada, room, u"a"_s, 2 * kBatch, 3 * kBatch);

        // Once the nodes are linked again, each catches up from the database: both clients
        // end with every event of the room once, in order.
        constexpr int kTotal = 3 * kBatch + 2 * kBatch;
        for (TestClient* c : {ada.get(), bob.get()}) {
            QVERIFY(awaitEvents(*c, room, kTotal, 30000, *m_cluster));
            QCOMPARE(seqsOf(*c, room).size(), kTotal);
            QVERIFY(isGapless(seqsOf(*c, room)));
        }
        // And a device that syncs now gets the same.
        auto bob2 = bob->anotherDevice(m_cluster->url(2));
        QVERIFY(bob2);
        const QJsonObject synced = bob2->ask(u"sync"_s, {{u"cursors"_s, QJsonObject {{room, 0}}}});
        QCOMPARE(synced.value(u"events"_s).toArray().size(), kTotal);
        const QHash<QString, int> stored = historyMids(*bob2, room);
        QCOMPARE(stored.size(), kTotal);
    }
};

QTEST_GUILESS_MAIN(TestClusterFaults)
#include "tst_clusterfaults.moc"
