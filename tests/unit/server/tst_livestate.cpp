// The in-memory pieces behind badges, typing and presence: the one-timer deadline queue,
// the roster's unread arithmetic and the badge frame's hand-built text.
#include "server/core/badgepublisher.h"
#include "server/core/deadlinequeue.h"
#include "server/core/roomroster.h"
#include "shared/framecodec.h"

#include <QElapsedTimer>
#include <QTest>

using namespace palaver;
using namespace palaver::server;
using namespace Qt::StringLiterals;

class tst_LiveState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deadlinesFireInOrderOnOneTimer();
    void rescheduleAndCancel();
    void idleQueueHasNoTimer();
    void unreadArithmetic();
    void joinStartsRead();
    void badgeFrameMatchesCodec_data();
    void badgeFrameMatchesCodec();
};

void tst_LiveState::deadlinesFireInOrderOnOneTimer()
{
    QList<int> fired;
    DeadlineQueue<int> queue([&fired](const int& key) { fired.append(key); });
    queue.schedule(3, 60);
    queue.schedule(1, 20);
    queue.schedule(2, 40);
    QCOMPARE(queue.size(), 3);
    QTRY_COMPARE(fired.size(), 3);
    QCOMPARE(fired, (QList<int> {1, 2, 3}));
    QCOMPARE(queue.size(), 0);
}

void tst_LiveState::rescheduleAndCancel()
{
    QList<int> fired;
    DeadlineQueue<int> queue([&fired](const int& key) { fired.append(key); });
    QElapsedTimer clock;
    clock.start();
    queue.schedule(1, 50);
    queue.schedule(2, 50);
    QVERIFY(queue.cancel(2));
    QVERIFY(!queue.cancel(2));
    queue.schedule(1, 150); // a refresh pushes the deadline out
    QTRY_COMPARE(fired.size(), 1);
    QVERIFY2(clock.elapsed() >= 140, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(fired, QList<int> {1});
}

void tst_LiveState::idleQueueHasNoTimer()
{
    DeadlineQueue<int> queue([](const int&) {});
    QVERIFY(!queue.timerActive());
    queue.schedule(1, 10000);
    QVERIFY(queue.timerActive());
    queue.cancel(1);
    QVERIFY(!queue.timerActive()); // no wake-ups while nobody types
}

void tst_LiveState::unreadArithmetic()
{
    RoomRoster roster;
    // Room 7 already holds 5 messages; ada read up to the 3rd, bob all of them.
    roster.load({{7, 1, Role::Owner, 30, 3, 0, 0}, {7, 2, Role::Member, 50, 5, 0, 0}}, {{7, 5}});
    QCOMPARE(roster.badge(7, 1).unread, 2);
    QCOMPARE(roster.badge(7, 2).unread, 0);
    roster.noteMessage(7, 2, {1}); // bob writes, mentioning ada
    QCOMPARE(roster.badge(7, 1).unread, 3);
    QCOMPARE(roster.badge(7, 1).mentions, 1);
    QCOMPARE(roster.badge(7, 2).unread, 0); // own messages never count
    roster.noteMessage(7, 1, {});
    QCOMPARE(roster.badge(7, 1).unread, 3);
    QCOMPARE(roster.badge(7, 2).unread, 1);
    roster.setMarker({7, 1, Role::Owner, 70, 7, 0, 0});
    QCOMPARE(roster.badge(7, 1).unread, 0);
    QCOMPARE(roster.badge(7, 1).mentions, 0);
    QCOMPARE(roster.badge(7, 1).lastReadSeq, 70);
}

void tst_LiveState::joinStartsRead()
{
    RoomRoster roster;
    roster.load({}, {{9, 40}});
    roster.add(9, 3, 55);
    QVERIFY(roster.isMember(9, 3));
    QCOMPARE(roster.badge(9, 3).unread, 0);
    roster.noteMessage(9, 4, {});
    QCOMPARE(roster.badge(9, 3).unread, 1);
    roster.remove(9, 3);
    QVERIFY(!roster.isMember(9, 3));
    QVERIFY(roster.roomsOf(3).isEmpty());
}

void tst_LiveState::badgeFrameMatchesCodec_data()
{
    QTest::addColumn<qint64>("unread");
    QTest::addColumn<qint64>("mentions");
    QTest::newRow("zero") << qint64(0) << qint64(0);
    QTest::newRow("some") << qint64(12) << qint64(3);
    QTest::newRow("large") << qint64(9007199254740991) << qint64(123456789);
}

void tst_LiveState::badgeFrameMatchesCodec()
{
    QFETCH(qint64, unread);
    QFETCH(qint64, mentions);
    const QByteArray text = BadgePublisher::encode(
        QByteArrayLiteral("42"), RoomMembership {0, unread, mentions, Role::Member});
    const auto decoded = decodeServerFrame(text);
    QVERIFY(std::holds_alternative<ServerFrame>(decoded));
    const auto* badge = std::get_if<BadgePush>(&std::get<ServerFrame>(decoded).message);
    QVERIFY(badge);
    QCOMPARE(badge->room, u"42"_s);
    QCOMPARE(badge->unread, unread);
    QCOMPARE(badge->mentions, mentions);
}

QTEST_GUILESS_MAIN(tst_LiveState)
#include "tst_livestate.moc"
