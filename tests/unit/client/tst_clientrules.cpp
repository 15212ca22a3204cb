// The client's business rules: typing notifications, read markers, mentions, unread totals,
// delivery state and notifications.
#include "client/rules/deliverystate.h"
#include "client/rules/mentionparser.h"
#include "client/rules/notificationpolicy.h"
#include "client/rules/readmarkerpolicy.h"
#include "client/rules/typingnotifier.h"
#include "client/rules/unreadtotals.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace palaver;
using namespace palaver::client;

class tst_ClientRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typingRefreshesAtMostEveryThreeSeconds();
    void typingStopsWhenIdle();
    void typingStopsOnSend();
    void readMarkersOnlyWhileActive();
    void readMarkersForwardOnlyAndCoalesced();
    void readMarkersSkipWhatTheServerHas();
    void mentions_data();
    void mentions();
    void unreadTotals();
    void deliveryState();
    void notifications();
};

void tst_ClientRules::typingRefreshesAtMostEveryThreeSeconds()
{
    qint64 now = 0;
    TypingNotifier notifier(nullptr, 3000, 5000, [&now] { return now; });
    QSignalSpy sent(&notifier, &TypingNotifier::sendTyping);
    notifier.userTyped();
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.last().first().toBool(), true);
    for (now = 100; now < 3000; now += 400)
        notifier.userTyped();
    QCOMPARE(sent.size(), 1); // nothing new within 3 s
    now = 3000;
    notifier.userTyped();
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.last().first().toBool(), true);
}

void tst_ClientRules::typingStopsWhenIdle()
{
    // Short intervals: the idle rule runs on a real QTimer.
    TypingNotifier notifier(nullptr, 30, 50);
    QSignalSpy sent(&notifier, &TypingNotifier::sendTyping);
    notifier.userTyped();
    QTRY_COMPARE(sent.size(), 2);
    QCOMPARE(sent.at(1).first().toBool(), false);
    QVERIFY(!notifier.isActive());
}

void tst_ClientRules::typingStopsOnSend()
{
    TypingNotifier notifier(nullptr, 3000, 5000);
    QSignalSpy sent(&notifier, &TypingNotifier::sendTyping);
    notifier.stopped(); // nothing to end yet
    QCOMPARE(sent.size(), 0);
    notifier.userTyped();
    notifier.stopped();
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.at(1).first().toBool(), false);
    notifier.userTyped(); // a new message starts a new typing state at once
    QCOMPARE(sent.size(), 3);
}

void tst_ClientRules::readMarkersOnlyWhileActive()
{
    ReadMarkerPolicy policy(nullptr, 10);
    QSignalSpy sent(&policy, &ReadMarkerPolicy::sendRead);
    policy.seen(u"r"_s, 5);
    policy.flush();
    QCOMPARE(sent.size(), 0); // a background window reads nothing
    policy.setWindowActive(true);
    policy.seen(u"r"_s, 5);
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.first(), (QVariantList {u"r"_s, qint64(5)}));
}

void tst_ClientRules::readMarkersForwardOnlyAndCoalesced()
{
    ReadMarkerPolicy policy(nullptr, 20);
    policy.setWindowActive(true);
    QSignalSpy sent(&policy, &ReadMarkerPolicy::sendRead);
    for (qint64 seq : {3, 7, 4, 9, 8})
        policy.seen(u"r"_s, seq);
    policy.seen(u"s"_s, 2);
    QTRY_COMPARE(sent.size(), 2);
    QList<QVariantList> got {sent.at(0), sent.at(1)};
    std::sort(got.begin(), got.end(), [](const QVariantList& a, const QVariantList& b) {
        return a[0].toString() < b[0].toString();
    });
    QCOMPARE(got.at(0), (QVariantList {u"r"_s, qint64(9)}));
    QCOMPARE(got.at(1), (QVariantList {u"s"_s, qint64(2)}));
    policy.seen(u"r"_s, 6); // behind the marker: never sent
    policy.flush();
    QCOMPARE(sent.size(), 2);
}

void tst_ClientRules::readMarkersSkipWhatTheServerHas()
{
    ReadMarkerPolicy policy(nullptr, 10);
    policy.setWindowActive(true);
    QSignalSpy sent(&policy, &ReadMarkerPolicy::sendRead);
    policy.setServerMarker(u"r"_s, 10); // read on another device
    policy.seen(u"r"_s, 10);
    policy.flush();
    QCOMPARE(sent.size(), 0);
    policy.seen(u"r"_s, 11);
    policy.setServerMarker(u"r"_s, 12); // overtaken before the flush
    policy.flush();
    QCOMPARE(sent.size(), 0);
}

void tst_ClientRules::mentions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("one") << u"hi @bob"_s << QStringList {u"2"_s};
    QTest::newRow("case and order") << u"@Cyd and @BOB!"_s << QStringList {u"3"_s, u"2"_s};
    QTest::newRow("sentence end") << u"thanks @bob."_s << QStringList {u"2"_s};
    QTest::newRow("dotted name") << u"cc @cyd.x"_s << QStringList {u"4"_s};
    QTest::newRow("not a member") << u"@zed hello"_s << QStringList {};
    QTest::newRow("self") << u"@ada note to self"_s << QStringList {};
    QTest::newRow("email") << u"mail bob@bob.org"_s << QStringList {};
    QTest::newRow("twice") << u"@bob @bob"_s << QStringList {u"2"_s};
}

void tst_ClientRules::mentions()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    QList<MemberInfo> members;
    int id = 1;
    for (const QString& name : {u"ada"_s, u"bob"_s, u"cyd"_s, u"cyd.x"_s}) {
        MemberInfo member;
        member.user = QString::number(id++);
        member.username = name;
        members.append(member);
    }
    QCOMPARE(MentionParser::mentionedUserIds(text, members, u"1"_s), ids);
}

void tst_ClientRules::unreadTotals()
{
    QList<RoomInfo> rooms(3);
    rooms[0].self = RoomMembership {0, 4, 1, Role::Member};
    rooms[1].self = RoomMembership {0, 0, 0, Role::Owner};
    rooms[2].self = RoomMembership {0, 7, 2, Role::Member};
    rooms.append(RoomInfo {}); // no membership data (e.g. a directory entry)
    QCOMPARE(UnreadTotals::unread(rooms), 11);
    QCOMPARE(UnreadTotals::mentions(rooms), 3);
    QCOMPARE(UnreadTotals::unread({}), 0);
}

void tst_ClientRules::deliveryState()
{
    QList<MemberInfo> members(3);
    members[0].user = u"1"_s;
    members[1].user = u"2"_s;
    members[2].user = u"3"_s;
    QHash<QString, qint64> markers {{u"1"_s, 10}, {u"2"_s, 8}, {u"3"_s, 5}};
    QCOMPARE(DeliveryState::of(5, u"1"_s, markers, members), u"read"_s);
    QCOMPARE(DeliveryState::seenBy(5, u"1"_s, markers, members), 2);
    QCOMPARE(DeliveryState::of(6, u"1"_s, markers, members), u"sent"_s);
    QCOMPARE(DeliveryState::seenBy(6, u"1"_s, markers, members), 1);
    QCOMPARE(DeliveryState::seenBy(9, u"1"_s, markers, members), 0);
    // Alone in a room: nobody else can read it.
    QCOMPARE(DeliveryState::of(1, u"1"_s, markers, members.mid(0, 1)), u"sent"_s);
    // Without a member list the markers say who is there.
    QCOMPARE(DeliveryState::of(5, u"1"_s, markers, {}), u"read"_s);
}

void tst_ClientRules::notifications()
{
    NotificationPolicy policy;
    policy.setOwnUserId(u"1"_s);
    policy.setActiveRoom(u"a"_s);
    policy.setWindowActive(true);
    Event event;
    event.kind = EventKind::Message;
    event.sender = u"2"_s;
    event.room = u"a"_s;
    QVERIFY(!policy.shouldNotify(event)); // looking at it
    event.room = u"b"_s;
    QVERIFY(policy.shouldNotify(event)); // another room
    QVERIFY(!policy.mentionsMe(event));
    event.mentions = QStringList {u"1"_s};
    QVERIFY(policy.mentionsMe(event));
    event.room = u"a"_s;
    policy.setWindowActive(false);
    QVERIFY(policy.shouldNotify(event)); // the window is in the background
    event.sender = u"1"_s;
    QVERIFY(!policy.shouldNotify(event)); // own message
    event.sender = u"2"_s;
    event.kind = EventKind::Reaction;
    QVERIFY(!policy.shouldNotify(event));
}

QTEST_GUILESS_MAIN(tst_ClientRules)
#include "tst_clientrules.moc"
