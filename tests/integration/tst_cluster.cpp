// Several nodes behave as one server: pushes, receipts, badges, typing and presence cross
// nodes; one room's stream stays gapless and ordered when all nodes write to it; a resend
// through another node is a duplicate; the rate limit is per user over all nodes.
#include "tst_cluster.h"

#include "tests/support/httpexchange.h"
#include "tst_admin_cli.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
auto eventIn(const QString& room, qint64 seq)
{
    return [room, seq](const QJsonObject& push) {
        const QJsonObject e = push.value(u"event"_s).toObject();
        return e.value(u"room"_s).toString() == room && e.value(u"seq"_s).toInteger() == seq;
    };
}

auto fieldIs(const QString& key, const QJsonValue& value)
{
    return [key, value](const QJsonObject& push) { return push.value(key) == value; };
}
} // namespace

class TestCluster : public QObject
{
    Q_OBJECT

    std::unique_ptr<Cluster> m_cluster;

    // A room of `clients`, created by the first; everyone has its room_added.
    static QString roomOf(const std::vector<TestClient*>& clients)
    {
        QStringList members;
        for (size_t i = 1; i < clients.size(); ++i)
            members.append(clients[i]->userId);
        const QString room =
            TestClient::roomIdOf(clients[0]->createRoom(u"group"_s, u"cluster"_s, members));
        for (size_t i = 1; i < clients.size(); ++i)
            if (clients[i]->awaitPush(u"room_added"_s).isEmpty())
                return {};
        return room;
    }

private Q_SLOTS:
    void init()
    {
        m_cluster = std::make_unique<Cluster>();
        // Rates are lifted (but for the rate test): the cases send faster than people.
        QVERIFY(m_cluster->start(3, {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s}));
    }
    void cleanup() { m_cluster.reset(); }

    void pushesReceiptsAndBadgesCrossNodes()
    {
        auto ada = TestClient::registered(m_cluster->url(0), u"ada"_s);
        auto bob = TestClient::registered(m_cluster->url(1), u"bob"_s);
        auto cyd = TestClient::registered(m_cluster->url(2), u"cyd"_s);
        QVERIFY(ada && bob && cyd);
        auto bob2 = bob->anotherDevice(m_cluster->url(2));
        QVERIFY(bob2);
        const QString room = roomOf({ada.get(), bob.get(), cyd.get()});
        QVERIFY(!room.isEmpty());
        QVERIFY(!bob2->awaitPush(u"room_added"_s).isEmpty());

        const QJsonObject ack = ada->sendMessage(room, u"hello from n1"_s);
        QCOMPARE(ack.value(u"type"_s).toString(), u"ack"_s);
        const qint64 seq = ack.value(u"seq"_s).toInteger();
        for (TestClient* c : {bob.get(), bob2.get(), cyd.get()}) {
            QVERIFY(!c->awaitPush(u"event"_s, eventIn(room, seq)).isEmpty());
            const QJsonObject badge = c->awaitPush(u"badge"_s, fieldIs(u"room"_s, room));
            QCOMPARE(badge.value(u"unread"_s).toInt(), 1);
        }
        // bob reads on n2: everyone hears the receipt, and bob's device on n3 its badge.
        QCOMPARE(
            bob->ask(u"read"_s, {{u"room"_s, room}, {u"seq"_s, seq}}).value(u"type"_s).toString(),
            u"ok"_s);
        for (TestClient* c : {ada.get(), cyd.get(), bob2.get()}) {
            const QJsonObject receipt = c->awaitPush(u"receipt"_s, fieldIs(u"user"_s, bob->userId));
            QCOMPARE(receipt.value(u"seq"_s).toInteger(), seq);
        }
        const QJsonObject cleared = bob2->awaitPush(u"badge"_s, fieldIs(u"unread"_s, 0));
        QCOMPARE(cleared.value(u"room"_s).toString(), room);
        // A room made on n3 reaches a member on n1 too.
        const QJsonObject direct = cyd->ask(u"open_direct"_s, {{u"user"_s, ada->userId}});
        QCOMPARE(direct.value(u"type"_s).toString(), u"room"_s);
        QVERIFY(!ada->awaitPush(u"room_added"_s).isEmpty());
    }

    void typingCrossesNodes()
    {
        auto ada = TestClient::registered(m_cluster->url(0), u"ada"_s);
        auto bob = TestClient::registered(m_cluster->url(1), u"bob"_s);
        QVERIFY(ada && bob);
        const QString room = roomOf({ada.get(), bob.get()});
        QVERIFY(!room.isEmpty());
        ada->ask(u"typing"_s, {{u"room"_s, room}, {u"active"_s, true}});
        QVERIFY(!bob->awaitPush(u"typing"_s, fieldIs(u"active"_s, true)).isEmpty());
        ada->sendMessage(room, u"done typing"_s); // a message ends it, on every node
        QVERIFY(!bob->awaitPush(u"typing"_s, fieldIs(u"active"_s, false)).isEmpty());
        // Not refreshed: the state ends by itself after 6 s, cluster-wide.
        ada->ask(u"typing"_s, {{u"room"_s, room}, {u"active"_s, true}});
        QVERIFY(!bob->awaitPush(u"typing"_s, fieldIs(u"active"_s, true)).isEmpty());
        QVERIFY(!bob->awaitPush(u"typing"_s, fieldIs(u"active"_s, false), 9000).isEmpty());
    }

    void presenceIsOnlineWhileAnyDeviceAnywhereIs()
    {
        auto bob = TestClient::registered(m_cluster->url(2), u"bob"_s);
        auto ada = TestClient::registered(m_cluster->url(0), u"ada"_s);
        QVERIFY(ada && bob);
        const QString room = roomOf({ada.get(), bob.get()});
        QVERIFY(!room.isEmpty());
        auto ada2 = ada->anotherDevice(m_cluster->url(1));
        QVERIFY(ada2);
        const QJsonObject members = bob->ask(u"members"_s, {{u"room"_s, room}});
        for (const QJsonValue m : members.value(u"members"_s).toArray())
            QCOMPARE(m.toObject().value(u"presence"_s).toString(), u"online"_s);
        bob->drain();
        ada->close(); // n1's device leaves, n2's stays: no offline anywhere
        QVERIFY(bob->noPush(u"presence"_s, 3000));
        ada2->close();
        const QJsonObject offline =
            bob->awaitPush(u"presence"_s, fieldIs(u"status"_s, u"offline"_s), 8000);
        QCOMPARE(offline.value(u"user"_s).toString(), ada->userId);
        QVERIFY(offline.value(u"last_seen"_s).toInteger() > 0);
    }

    void concurrentSendsThroughAllNodesStayGaplessAndOrdered()
    {
        constexpr int kSendersPerNode = 2;
        constexpr int kMessages = 40;
        std::vector<std::unique_ptr<TestClient>> senders;
        std::vector<std::unique_ptr<TestClient>> watchers;
        for (int n = 0; n < m_cluster->size(); ++n) {
            for (int i = 0; i < kSendersPerNode; ++i)
                senders.push_back(TestClient::registered(m_cluster->url(n), u"s"_s));
            watchers.push_back(TestClient::registered(m_cluster->url(n), u"w"_s));
        }
        std::vector<TestClient*> everyone;
        for (auto& c : senders)
            everyone.push_back(c.get());
        for (auto& c : watchers)
            everyone.push_back(c.get());
        QVERIFY(std::all_of(everyone.begin(), everyone.end(), [](auto* c) { return c; }));
        const QString room = roomOf(everyone);
        QVERIFY(!room.isEmpty());
        // Everyone pipelines at once; the rate limit is lifted for this node set.
        for (int m = 0; m < kMessages; ++m)
            for (auto& s : senders)
                s->send({{u"type"_s, u"send"_s}, {u"room"_s, room},
                    {u"client_mid"_s, u"%1-%2"_s.arg(s->username).arg(m)},
                    {u"text"_s, u"%1 #%2"_s.arg(s->username).arg(m)}});
        const qint64 total = qint64(senders.size()) * kMessages;
        for (auto& w : watchers)
            QTRY_COMPARE_WITH_TIMEOUT(seqsOf(*w, room).size(), total, 30000);
        for (auto& w : watchers)
            QVERIFY2(isGapless(seqsOf(*w, room)), qPrintable(w->username));
        // Each sender's messages are in its own order, in the stream every node delivered.
        QHash<QString, int> next;
        for (const QJsonObject& push : watchers.front()->pushes(u"event"_s)) {
            const QString mid = push.value(u"event"_s).toObject().value(u"client_mid"_s).toString();
            const QString who = mid.section(u'-', 0, 0);
            QCOMPARE(mid.section(u'-', 1).toInt(), next[who]++);
        }
    }

    void resendThroughAnotherNodeIsADuplicate()
    {
        auto ada = TestClient::registered(m_cluster->url(0), u"ada"_s);
        auto bob = TestClient::registered(m_cluster->url(2), u"bob"_s);
        QVERIFY(ada && bob);
        const QString room = roomOf({ada.get(), bob.get()});
        QVERIFY(!room.isEmpty());
        const QJsonObject first = ada->sendMessage(room, u"once"_s, u"mid-1"_s);
        QCOMPARE(first.value(u"duplicate"_s).toBool(), false);
        auto ada2 = ada->anotherDevice(m_cluster->url(1)); // reconnected elsewhere
        QVERIFY(ada2);
        const QJsonObject again = ada2->sendMessage(room, u"once"_s, u"mid-1"_s);
        QCOMPARE(again.value(u"duplicate"_s).toBool(), true);
        QCOMPARE(again.value(u"seq"_s), first.value(u"seq"_s));
        QVERIFY(!bob->awaitPush(u"event"_s, eventIn(room, first.value(u"seq"_s).toInteger()))
                     .isEmpty());
        QVERIFY(bob->noPush(u"event"_s, 500));
    }

    void disabledAccountIsClosedOnEveryNode()
    {
        auto ada = TestClient::registered(m_cluster->url(0), u"ada"_s);
        QVERIFY(ada);
        auto ada2 = ada->anotherDevice(m_cluster->url(1));
        auto ada3 = ada->anotherDevice(m_cluster->url(2));
        QVERIFY(ada2 && ada3);
        const CliResult r = runCli(
            {u"user"_s, u"disable"_s, ada->username, u"--database"_s, m_cluster->databaseUrl()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (TestClient* device : {ada.get(), ada2.get(), ada3.get()}) {
            QVERIFY(device->awaitClosed());
            QCOMPARE(device->closeCode(), 4403);
        }
    }

    void metricsNameTheNodeAndItsPeers()
    {
        for (int n = 0; n < m_cluster->size(); ++n) {
            QByteArray body;
            // Heartbeats go every second: each node hears the other two within a few.
            QTRY_VERIFY_WITH_TIMEOUT((body = http::call(m_cluster->url(n), "GET", "/metrics").body)
                                         .contains("palaver_bus_peer_nodes 2\n"),
                10000);
            const QByteArray info =
                QByteArray("palaver_node_info{node=\"n") + QByteArray::number(n + 1) + "\"} 1\n";
            QVERIFY(body.contains(info));
            QVERIFY(body.contains("palaver_bus_up 1\n"));
        }
    }

    void rateLimitHoldsPerUserAcrossNodes()
    {
        m_cluster = std::make_unique<Cluster>();
        QVERIFY(m_cluster->start(2, {u"--rate-per-s"_s, u"1"_s, u"--burst"_s, u"6"_s}));
        auto ada = TestClient::registered(m_cluster->url(0), u"ada"_s);
        QVERIFY(ada);
        auto ada2 = ada->anotherDevice(m_cluster->url(1));
        QVERIFY(ada2);
        const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"limits"_s, {}));
        QVERIFY(!room.isEmpty());
        QVERIFY(!ada2->awaitPush(u"room_added"_s).isEmpty());
        int acked = 0, limited = 0;
        for (int i = 0; i < 6; ++i)
            for (TestClient* c : {ada.get(), ada2.get()}) {
                const QString type = c->sendMessage(room, u"m"_s).value(u"type"_s).toString();
                acked += type == u"ack"_s;
                limited += type == u"error"_s;
            }
        // 12 sends in well under a second against one bucket of 6 (one node alone would
        // have allowed all 12: 6 per node).
        QVERIFY2(acked >= 6 && acked <= 7, qPrintable(u"acked %1"_s.arg(acked)));
        QCOMPARE(acked + limited, 12);
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
