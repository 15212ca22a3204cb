// The per-room stream every node delivers from: order, duplicates, gaps, and the bus format.
#include "server/cluster/busmessage.h"
#include "server/cluster/roomsequencer.h"

#include <QtTest>

using namespace palaver;
using namespace palaver::server;

class TestRoomSequencer : public QObject
{
    Q_OBJECT

    QList<qint64> m_delivered;
    QList<QPair<qint64, qint64>> m_gaps;

    RoomSequencer::Action record(qint64 seq)
    {
        return [this, seq] { m_delivered.append(seq); };
    }
    RoomSequencer::GapHandler gapRecorder()
    {
        return [this](qint64 room, qint64 after) { m_gaps.append({room, after}); };
    }

private Q_SLOTS:
    void init()
    {
        m_delivered.clear();
        m_gaps.clear();
    }

    void inOrderIsDeliveredAtOnce()
    {
        RoomSequencer s(gapRecorder());
        s.load({{7, 4}});
        s.offer(7, 5, 5, record(5));
        s.offer(7, 6, 6, record(6));
        s.offer(8, 1, 1, record(101)); // a room created after the load starts at 0
        QCOMPARE(m_delivered, (QList<qint64> {5, 6, 101}));
        QCOMPARE(s.roomsBehind(), 0);
        QCOMPARE(s.delivered(7), 6);
    }

    void earlySeqWaitsForTheOnesBefore()
    {
        RoomSequencer s(gapRecorder());
        s.offer(1, 3, 3, record(3));
        s.offer(1, 2, 2, record(2));
        QVERIFY(m_delivered.isEmpty());
        QCOMPARE(s.roomsBehind(), 1);
        s.offer(1, 1, 1, record(1));
        QCOMPARE(m_delivered, (QList<qint64> {1, 2, 3}));
        QCOMPARE(s.roomsBehind(), 0);
        QVERIFY(m_gaps.isEmpty());
    }

    void duplicatesAreDropped()
    {
        RoomSequencer s(gapRecorder());
        s.offer(1, 1, 1, record(1));
        s.offer(1, 1, 1, record(-1));
        s.offer(1, 3, 3, record(3));
        s.offer(1, 3, 3, record(-3));
        s.offer(1, 2, 2, record(2));
        QCOMPARE(m_delivered, (QList<qint64> {1, 2, 3}));
    }

    void aLastingGapIsReportedAndFilled()
    {
        RoomSequencer s(gapRecorder(), 20);
        s.offer(1, 1, 1, record(1));
        s.offer(1, 4, 4, record(4));
        QTRY_COMPARE(m_gaps.size(), 1);
        QCOMPARE(m_gaps.first(), (QPair<qint64, qint64> {1, 1}));
        // The fill brings 2..4 from the database; the held push of 4 is then a duplicate.
        s.offer(1, 2, 2, record(2));
        s.offer(1, 3, 3, record(3));
        s.offer(1, 4, 4, record(40));
        s.fillDone(1);
        QCOMPARE(m_delivered, (QList<qint64> {1, 2, 3, 4}));
        QCOMPARE(s.roomsBehind(), 0);
    }

    void aFillThatFindsNothingIsRetried()
    {
        RoomSequencer s(gapRecorder(), 20);
        s.offer(1, 2, 2, record(2));
        QTRY_COMPARE(m_gaps.size(), 1);
        s.fillDone(1); // e.g. the database was away
        QTRY_COMPARE(m_gaps.size(), 2);
        s.offer(1, 1, 1, record(1));
        s.fillDone(1);
        QCOMPARE(m_delivered, (QList<qint64> {1, 2}));
        QCOMPARE(s.roomsBehind(), 0);
    }

    void aHeadAheadOfTheStreamIsFilledAtOnce()
    {
        RoomSequencer s(gapRecorder(), 60'000);
        s.load({{1, 5}});
        s.noteHead(1, 5);
        QVERIFY(m_gaps.isEmpty());
        s.noteHead(1, 8);
        QCOMPARE(m_gaps.size(), 1);
        QCOMPARE(m_gaps.first(), (QPair<qint64, qint64> {1, 5}));
    }

    void markersWaitForTheirSeq()
    {
        RoomSequencer s(gapRecorder());
        s.offer(1, 1, 1, record(1));
        s.after(1, 1, record(100));
        s.after(1, 2, record(200));
        QCOMPARE(m_delivered, (QList<qint64> {1, 100}));
        s.offer(1, 2, 2, record(2));
        QCOMPARE(m_delivered, (QList<qint64> {1, 100, 2, 200}));
    }

    void changesSpanSeveralSeqs()
    {
        RoomSequencer s(gapRecorder());
        s.offer(1, 1, 0, record(0)); // a room created: no seq, delivered at once
        s.offer(1, 3, 3, record(3));
        s.offer(1, 1, 2, record(12));
        QCOMPARE(m_delivered, (QList<qint64> {0, 12, 3}));
    }

    void busMessagesRoundTrip()
    {
        using namespace busmessage;
        CommittedEvent e;
        e.roomId = 12;
        e.seq = 40;
        e.senderId = 3;
        e.kind = EventKind::Message;
        e.mentions = {4, 5};
        e.push = R"({"type":"event","event":{"room":"12","seq":40,"text":"line\nbreak"}})";
        const auto envelope = parse(busmessage::event(QStringLiteral("abc"), e));
        QVERIFY(envelope);
        QCOMPARE(envelope->origin, QStringLiteral("abc"));
        const auto back = eventOf(*envelope);
        QVERIFY(back);
        QCOMPARE(back->push, e.push);
        QCOMPARE(back->mentions, e.mentions);
        QCOMPARE(back->seq, 40);

        MemberRecord m {12, 3, Role::Admin, 40, 7, 1, 2};
        const auto marker = markerOf(*parse(busmessage::marker(QStringLiteral("abc"), m)));
        QVERIFY(marker);
        QCOMPARE(marker->readMsgNo, 7);
        QVERIFY(marker->role == Role::Admin);

        Snapshot snap;
        snap.nodeId = QStringLiteral("n1");
        snap.presence = {{3, PresenceStatus::Away}};
        snap.typing = {{12, 3}};
        const auto s = snapshotOf(*parse(snapshot(QStringLiteral("abc"), snap)));
        QVERIFY(s);
        QVERIFY(s->presence.value(3) == PresenceStatus::Away);
        QCOMPARE(s->typing.size(), 1);

        QVERIFY(!parse("not json"));
        QVERIFY(!parse(R"({"k":"zz","o":"abc"})")); // a kind of a newer version
        QVERIFY(!eventOf(*parse(R"({"k":"e","o":"abc","r":0,"s":1})")));
    }
};

QTEST_GUILESS_MAIN(TestRoomSequencer)
#include "tst_roomsequencer.moc"
