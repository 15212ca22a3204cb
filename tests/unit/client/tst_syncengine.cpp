// SyncEngine offline, fed with real frames: a `synced` answer replaces the room set, stores
// events, starts cursors for rooms that had none and keeps them at the highest contiguous
// seq; a push that skips seqs leaves the room behind until a gap fill.
#include "tests/unit/client/modelfixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace palaver;
using namespace palaver::client;
using clienttest::ModelFixture;

class tst_SyncEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void syncedReplacesRoomsAndStartsCursors();
    void hasMoreLeavesTheRoomBehind();
    void pushThatSkipsSeqsIsAGap();
    void receiptsAndBadges();

private:
    static SyncedAnswer decode(const SyncedAnswer& answer)
    {
        return std::get<SyncedAnswer>(
            std::get<ServerFrame>(decodeServerFrame(encodeAnswer(answer, QJsonValue(2)))).message);
    }
    static QList<Event> messages(const QString& room, qint64 from, qint64 to)
    {
        QList<Event> events;
        for (qint64 seq = from; seq <= to; ++seq)
            events.append(ModelFixture::message(room, seq, u"2"_s, u"m"_s));
        return events;
    }
};

void tst_SyncEngine::syncedReplacesRoomsAndStartsCursors()
{
    ModelFixture f;
    f.rooms.upsertRoom(ModelFixture::room(u"a"_s, RoomKind::Group, u"A"_s, 5));
    f.rooms.upsertRoom(ModelFixture::room(u"gone"_s, RoomKind::Group, u"Gone"_s, 1));
    f.rooms.addEvents(messages(u"a"_s, 1, 5), EventOrigin::Sync);
    f.cache.setCursor(u"a"_s, 5);
    QSignalSpy synced(&f.sync, &SyncEngine::synced);

    SyncedAnswer answer;
    answer.rooms = {ModelFixture::room(u"a"_s, RoomKind::Group, u"A"_s, 7),
        ModelFixture::room(u"new"_s, RoomKind::Public, u"New"_s, 3)};
    answer.events = messages(u"a"_s, 6, 7) + messages(u"new"_s, 1, 3);
    answer.hasMore = {{u"a"_s, false}, {u"new"_s, false}};
    f.sync.applySynced(decode(answer), {u"a"_s, u"gone"_s});

    QCOMPARE(synced.size(), 1);
    QVERIFY(!f.rooms.contains(u"gone"_s)); // not in synced: no longer a member
    QCOMPARE(f.cache.rooms().size(), 2);
    QCOMPARE(f.cache.cursor(u"a"_s), 7);
    QCOMPARE(f.cache.cursor(u"new"_s), 3); // latest page: contiguous up to last_seq
    QCOMPARE(f.cache.latestEvents(u"new"_s, 10).size(), 3);
    QCOMPARE(f.rooms.room(u"a"_s).lastEvent->seq, 7);
    QVERIFY(f.sync.isCaughtUp());
}

void tst_SyncEngine::hasMoreLeavesTheRoomBehind()
{
    ModelFixture f;
    f.rooms.upsertRoom(ModelFixture::room(u"a"_s, RoomKind::Group, u"A"_s, 0));
    f.cache.setCursor(u"a"_s, 0);
    SyncedAnswer answer;
    answer.rooms = {ModelFixture::room(u"a"_s, RoomKind::Group, u"A"_s, 300)};
    answer.events = messages(u"a"_s, 1, 200);
    answer.hasMore = {{u"a"_s, true}};
    f.sync.applySynced(decode(answer), {u"a"_s});
    // Offline here, so the `history after 200` cannot go out: the room stays behind.
    QCOMPARE(f.cache.cursor(u"a"_s), 200);
    QVERIFY(!f.sync.isCaughtUp());
    f.rooms.addEvents(messages(u"a"_s, 201, 300), EventOrigin::Sync);
    QCOMPARE(f.cache.advanceCursor(u"a"_s), 300);
    QVERIFY(f.sync.isCaughtUp());
}

void tst_SyncEngine::pushThatSkipsSeqsIsAGap()
{
    ModelFixture f;
    f.push(RoomAddedPush {ModelFixture::room(u"a"_s, RoomKind::Group, u"A"_s, 2)});
    QCOMPARE(f.cache.cursor(u"a"_s), 2); // pushes continue from the room's last_seq
    f.push(EventPush {ModelFixture::message(u"a"_s, 3, u"2"_s, u"x"_s)});
    QCOMPARE(f.cache.cursor(u"a"_s), 3);
    f.push(EventPush {ModelFixture::message(u"a"_s, 5, u"2"_s, u"y"_s)});
    QCOMPARE(f.cache.cursor(u"a"_s), 3); // 4 is missing
    QCOMPARE(f.rooms.room(u"a"_s).lastSeq, 5);
    QVERIFY(!f.sync.isCaughtUp());
    f.push(EventPush {ModelFixture::message(u"a"_s, 4, u"2"_s, u"late"_s)});
    QCOMPARE(f.cache.cursor(u"a"_s), 5);
    QVERIFY(f.sync.isCaughtUp());
    f.push(RoomRemovedPush {u"a"_s});
    QVERIFY(!f.rooms.contains(u"a"_s));
    QCOMPARE(f.cache.cursor(u"a"_s), -1);
}

void tst_SyncEngine::receiptsAndBadges()
{
    ModelFixture f;
    f.push(RoomAddedPush {ModelFixture::room(u"a"_s, RoomKind::Group, u"A"_s, 9)});
    f.push(BadgePush {u"a"_s, 4, 1});
    QCOMPARE(f.rooms.room(u"a"_s).self->unread, 4);
    QCOMPARE(f.rooms.room(u"a"_s).self->mentions, 1);
    QSignalSpy markers(&f.members, &MemberStore::markerRaised);
    f.push(ReceiptPush {u"a"_s, u"1"_s, 6}); // our own, from another device
    QCOMPARE(f.rooms.room(u"a"_s).self->lastReadSeq, 6);
    f.push(ReceiptPush {u"a"_s, u"2"_s, 3});
    f.push(ReceiptPush {u"a"_s, u"2"_s, 2}); // behind: ignored
    QCOMPARE(markers.size(), 2);
    QCOMPARE(f.cache.markers(u"a"_s).value(u"2"_s), 3);
}

QTEST_GUILESS_MAIN(tst_SyncEngine)
#include "tst_syncengine.moc"
