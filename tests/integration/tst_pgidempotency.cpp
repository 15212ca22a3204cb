// Idempotency across nodes: two servers on one PostgreSQL database both find no earlier send
// of a client_mid, both insert, and the unique index lets one through; the other's job runs
// again from its savepoint and answers from the committed row. Each client_mid, sent through
// both servers at once, is stored once: one ack duplicate:false, the other duplicate:true with
// the same seq.
#include "tests/support/framechecks.h"
#include "tests/support/postgresdatabase.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isType;

class tst_PgIdempotency : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameClientMidThroughTwoNodesStoredOnce();
};

void tst_PgIdempotency::sameClientMidThroughTwoNodesStoredOnce()
{
    PostgresDatabase database;
    QVERIFY2(database.ok(), qPrintable(database.error()));
    // 300 sends from one account within seconds: past the default rate limit.
    const QStringList fast {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s};
    ServerProcess first(fast);
    ServerProcess second(fast);
    first.setDatabaseUrl(database.url());
    second.setDatabaseUrl(database.url());
    QVERIFY(first.start());
    QVERIFY(second.start());

    auto viaFirst = TestClient::registered(first.url(), u"ada"_s);
    QVERIFY(viaFirst);
    auto viaSecond = viaFirst->anotherDevice(second.url());
    QVERIFY(viaSecond);
    const QString room = TestClient::roomIdOf(viaFirst->createRoom(u"group"_s, u"Race"_s));
    QVERIFY(!room.isEmpty());

    constexpr int kRounds = 30; // with kPerRound, within one history page (200)
    constexpr int kPerRound = 5; // several per round, so batches on both nodes overlap
    QSet<qint64> seqs;
    for (int round = 0; round < kRounds; ++round) {
        QList<std::pair<int, int>> ids;
        for (int i = 0; i < kPerRound; ++i) {
            const QJsonObject send {{u"type"_s, u"send"_s}, {u"room"_s, room},
                {u"client_mid"_s, u"race-%1-%2"_s.arg(round).arg(i)}, {u"text"_s, u"once"_s}};
            ids.append({viaFirst->send(send), viaSecond->send(send)});
        }
        for (const auto& [a, b] : ids) {
            const QJsonObject ackA = viaFirst->awaitAnswer(a);
            const QJsonObject ackB = viaSecond->awaitAnswer(b);
            QVERIFY2(isType(ackA, u"ack"_s), QJsonDocument(ackA).toJson().constData());
            QVERIFY2(isType(ackB, u"ack"_s), QJsonDocument(ackB).toJson().constData());
            QCOMPARE(ackA.value(u"seq"_s).toInteger(), ackB.value(u"seq"_s).toInteger());
            QCOMPARE(ackA.value(u"ts"_s).toInteger(), ackB.value(u"ts"_s).toInteger());
            QCOMPARE(ackA.value(u"duplicate"_s).toBool() + ackB.value(u"duplicate"_s).toBool(), 1);
            seqs.insert(ackA.value(u"seq"_s).toInteger());
        }
    }
    QCOMPARE(seqs.size(), kRounds * kPerRound);

    const QJsonArray events =
        viaFirst->request({{u"type"_s, u"history"_s}, {u"room"_s, room}, {u"limit"_s, 200}})
            .value(u"events"_s)
            .toArray();
    QSet<QString> mids;
    qint64 expectedSeq = 0;
    for (const QJsonValue& value : events) {
        const QJsonObject e = value.toObject();
        QCOMPARE(e.value(u"seq"_s).toInteger(), ++expectedSeq); // gapless across both nodes
        if (e.value(u"kind"_s).toString() == u"message"_s)
            mids.insert(e.value(u"client_mid"_s).toString());
    }
    QCOMPARE(mids.size(), kRounds * kPerRound);
    // How often the unique index, not the lookup, caught the duplicate (timing decides).
    const int conflicts = int(QString(first.output() + second.output()).count(u"write conflict"_s));
    qInfo() << "duplicates caught by the unique index:" << conflicts;
    QCOMPARE(first.stop(), 0);
    QCOMPARE(second.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_PgIdempotency)
#include "tst_pgidempotency.moc"
