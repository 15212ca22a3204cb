// Read markers, unread and mention counts, receipts and badges, against "Read receipts and
// badges" and "Rich messaging" of the contract. Every user has two devices, so each check also
// covers the device that did nothing. "Nothing was pushed" is checked after a ping round trip
// on every device: the server sends a push in the same turn as the answer that caused it, so
// once the pong is in, everything the action caused is in too.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QJsonArray>
#include <QTest>
#include <map>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
QJsonObject read(TestClient& c, const QString& room, qint64 seq)
{
    return c.ask(u"read"_s, {{u"room"_s, room}, {u"seq"_s, seq}});
}

// A `send` with `text` as its client_mid too; the acknowledged seq (0 on error).
qint64 post(
    TestClient& c, const QString& room, const QString& text, const QStringList& mentions = {})
{
    return c
        .ask(u"send"_s,
            {{u"room"_s, room}, {u"client_mid"_s, text}, {u"text"_s, text},
                {u"mentions"_s, QJsonArray::fromStringList(mentions)}})
        .value(u"seq"_s)
        .toInteger();
}

// A user as two logged-in devices.
struct User
{
    std::unique_ptr<TestClient> one, two;
    QString id() const { return one->userId; }
    QList<TestClient*> devices() const { return {one.get(), two.get()}; }
};

User newUser(const QUrl& url, const QString& prefix)
{
    User u;
    u.one = TestClient::registered(url, prefix);
    if (u.one)
        u.two = u.one->anotherDevice(url);
    return u;
}

// Frame counts per device: what arrives later is "since the mark".
using Marks = std::map<const TestClient*, qsizetype>;

Marks markAll(const QList<TestClient*>& devices)
{
    Marks marks;
    for (const TestClient* c : devices)
        marks[c] = c->frames.size();
    return marks;
}

// Every device answered a ping: whatever an earlier action pushed to it has arrived.
void settle(const QList<TestClient*>& devices)
{
    for (TestClient* c : devices)
        c->request({{u"type"_s, u"ping"_s}});
}

// The badges for `room` that `c` got since its mark, as "unread/mentions".
QStringList badgesSince(const TestClient& c, const Marks& marks, const QString& room)
{
    QStringList found;
    for (qsizetype i = marks.at(&c); i < c.frames.size(); ++i) {
        const QJsonObject& f = c.frames[i];
        if (f.value(u"type"_s).toString() == u"badge"_s && f.value(u"room"_s).toString() == room) {
            found << u"%1/%2"_s.arg(f.value(u"unread"_s).toInteger())
                         .arg(f.value(u"mentions"_s).toInteger());
        }
    }
    return found;
}

qsizetype countSince(const TestClient& c, const Marks& marks, const QString& type)
{
    qsizetype n = 0;
    for (qsizetype i = marks.at(&c); i < c.frames.size(); ++i)
        n += !c.frames[i].contains(u"re"_s) && c.frames[i].value(u"type"_s).toString() == type;
    return n;
}

QJsonObject roomIn(const QJsonObject& answer, const QString& room)
{
    return checks::findBy(answer.value(u"rooms"_s).toArray(), u"id"_s, room);
}

// Where `rooms` or `sync` disagree with the expected numbers of `c` in `room`; empty if none.
QString countsMismatch(TestClient& c, const QString& room, qint64 unread, qint64 mentions)
{
    QStringList problems;
    const QJsonObject inRooms = roomIn(c.ask(u"rooms"_s), room);
    const QJsonObject inSync = roomIn(c.ask(u"sync"_s, {{u"cursors"_s, QJsonObject {}}}), room);
    for (const auto& [where, r] :
        {std::pair {u"rooms"_s, inRooms}, std::pair {u"sync"_s, inSync}}) {
        if (r.value(u"unread"_s).toInteger(-1) != unread ||
            r.value(u"mentions"_s).toInteger(-1) != mentions) {
            problems << u"%1 of %2 (want %3/%4): %5"_s.arg(where, c.username)
                            .arg(unread)
                            .arg(mentions)
                            .arg(checks::compact(r));
        }
    }
    return problems.join(u"; "_s);
}
} // namespace

#define COMPARE_COUNTS(client, room, unread, mentions)                                             \
    do {                                                                                           \
        const QString mismatch = countsMismatch(client, room, unread, mentions);                   \
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));                                        \
    } while (false)

class tst_Badges : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void markerMovesForwardOnlyAndClamps();
    void readIsForMembersOnly();
    void countsAfterEveryKindOfEvent();
    void readOnOneDeviceBadgesTheOther();
    void everyMessageBadgesEveryOtherMember();
    void markersSurviveRestart();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void tst_Badges::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s});
    QVERIFY(m_server->start());
}

void tst_Badges::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_Badges::markerMovesForwardOnlyAndClamps()
{
    User ada = newUser(m_server->url(), u"ada"_s), bob = newUser(m_server->url(), u"bob"_s);
    QVERIFY(ada.two && bob.two);
    const QString room =
        TestClient::roomIdOf(ada.one->createRoom(u"group"_s, u"Marks"_s, {bob.id()}));
    for (int i = 1; i <= 3; ++i)
        QCOMPARE(post(*ada.one, room, u"m%1"_s.arg(i)), i);
    const QList<TestClient*> all = ada.devices() + bob.devices();
    settle(all);

    Marks marks = markAll(all);
    QVERIFY(isType(read(*bob.one, room, 2), u"ok"_s));
    settle(all);
    for (const TestClient* c : all) { // every device of every member, the reading one too
        QCOMPARE(countSince(*c, marks, u"receipt"_s), 1);
        const QJsonObject receipt = c->pushes(u"receipt"_s).last();
        QCOMPARE(receipt.value(u"room"_s).toString(), room);
        QCOMPARE(receipt.value(u"user"_s).toString(), bob.id());
        QCOMPARE(receipt.value(u"seq"_s).toInteger(), 2);
    }
    for (const TestClient* c : bob.devices())
        QCOMPARE(badgesSince(*c, marks, room), QStringList {u"1/0"_s});
    for (const TestClient* c : ada.devices()) // her numbers did not change
        QCOMPARE(badgesSince(*c, marks, room), QStringList {});

    // Backwards (from either device) and the same seq again: ok, nothing pushed, marker stays.
    marks = markAll(all);
    for (const qint64 seq : {1, 0, 2})
        QVERIFY(isType(read(*bob.two, room, seq), u"ok"_s));
    settle(all);
    for (const TestClient* c : all) {
        QCOMPARE(countSince(*c, marks, u"receipt"_s), 0);
        QCOMPARE(countSince(*c, marks, u"badge"_s), 0);
    }
    const QJsonArray members =
        ada.one->ask(u"members"_s, {{u"room"_s, room}}).value(u"members"_s).toArray();
    QCOMPARE(checks::findBy(members, u"user"_s, bob.id()).value(u"last_read_seq"_s).toInteger(), 2);
    COMPARE_COUNTS(*bob.two, room, 1, 0);

    // Beyond the end is clamped to last_seq at the time of the read.
    marks = markAll(all);
    QVERIFY(isType(read(*bob.two, room, 1000), u"ok"_s));
    settle(all);
    QCOMPARE(ada.two->pushes(u"receipt"_s).last().value(u"seq"_s).toInteger(), 3);
    for (const TestClient* c : bob.devices())
        QCOMPARE(badgesSince(*c, marks, room), QStringList {u"0/0"_s});
    QCOMPARE(roomIn(bob.one->ask(u"rooms"_s), room).value(u"last_read_seq"_s).toInteger(), 3);
    QCOMPARE(post(*ada.one, room, u"m4"_s), 4);
    COMPARE_COUNTS(*bob.one, room, 1, 0); // seq 4 is unread: the clamp did not reach ahead
    marks = markAll(all);
    QVERIFY(isType(read(*bob.one, room, 4), u"ok"_s));
    settle(all);
    QCOMPARE(ada.one->pushes(u"receipt"_s).last().value(u"seq"_s).toInteger(), 4);
    QCOMPARE(badgesSince(*bob.two, marks, room), QStringList {u"0/0"_s});
}

void tst_Badges::readIsForMembersOnly()
{
    User ada = newUser(m_server->url(), u"ada"_s), eve = newUser(m_server->url(), u"eve"_s);
    QVERIFY(ada.two && eve.two);
    const QString room = TestClient::roomIdOf(ada.one->createRoom(u"group"_s, u"Closed"_s));
    QCOMPARE(post(*ada.one, room, u"secret"_s), 1);
    const Marks marks = markAll(ada.devices());
    QVERIFY(isError(read(*eve.one, room, 1), u"forbidden"_s));
    QVERIFY(isError(read(*eve.one, u"987654321"_s, 1), u"forbidden"_s));
    settle(ada.devices());
    QCOMPARE(countSince(*ada.one, marks, u"receipt"_s), 0);
}

void tst_Badges::countsAfterEveryKindOfEvent()
{
    User ada = newUser(m_server->url(), u"ada"_s), bob = newUser(m_server->url(), u"bob"_s),
         cy = newUser(m_server->url(), u"cy"_s), dan = newUser(m_server->url(), u"dan"_s);
    QVERIFY(ada.two && bob.two && cy.two && dan.two);
    const QString room =
        TestClient::roomIdOf(ada.one->createRoom(u"public"_s, u"Commons"_s, {bob.id(), cy.id()}));
    QVERIFY(!room.isEmpty());
    const QList<TestClient*> all = ada.devices() + bob.devices() + cy.devices() + dan.devices();
    settle(all);

    // After each step: a user's numbers in `rooms` and `sync` (unread -1: not a member), and
    // the badges each of its devices got: exactly `badge`, or none when empty.
    struct Want
    {
        qint64 unread = -1, mentions = 0;
        QString badge = {};
    };
    struct Step
    {
        const char* what;
        TestClient* actor;
        QString type;
        QJsonObject fields;
        qint64 seq; // of the event the step appends
        Want ada, bob, cy, dan;
    };
    const auto send = [](const QString& text, const QStringList& mentions = {}) {
        return QJsonObject {{u"client_mid"_s, text}, {u"text"_s, text},
            {u"mentions"_s, QJsonArray::fromStringList(mentions)}};
    };
    const QString send_ = u"send"_s;
    const Step steps[] = {
        {"message by another", ada.one.get(), send_, send(u"hello"_s), 1, {0, 0}, {1, 0, u"1/0"_s},
            {1, 0, u"1/0"_s}, {}},
        {"own message", bob.two.get(), send_, send(u"hi"_s), 2, {1, 0, u"1/0"_s}, {1, 0},
            {2, 0, u"2/0"_s}, {}},
        {"mention", ada.one.get(), send_, send(u"@bob"_s, {bob.id()}), 3, {1, 0}, {2, 1, u"2/1"_s},
            {3, 0, u"3/0"_s}, {}},
        {"mentions of a non-member, of oneself, of nobody", ada.one.get(), send_,
            send(u"@dan @me"_s, {dan.id(), ada.id(), u"987654321"_s}), 4, {1, 0}, {3, 1, u"3/1"_s},
            {4, 0, u"4/0"_s}, {}},
        {"two mentions", bob.one.get(), send_, send(u"@ada @cy"_s, {ada.id(), cy.id()}), 5,
            {2, 1, u"2/1"_s}, {3, 1}, {5, 1, u"5/1"_s}, {}},
        {"join", dan.one.get(), u"join"_s, {}, 6, {2, 1}, {3, 1}, {5, 1}, {0, 0}},
        {"edit", ada.one.get(), u"edit"_s, {{u"target"_s, 1}, {u"text"_s, u"hello!"_s}}, 7, {2, 1},
            {3, 1}, {5, 1}, {0, 0}},
        {"delete (the message keeps its weight)", ada.two.get(), u"delete"_s, {{u"target"_s, 3}}, 8,
            {2, 1}, {3, 1}, {5, 1}, {0, 0}},
        {"reaction", bob.one.get(), u"react"_s, {{u"target"_s, 1}, {u"emoji"_s, u"👍"_s}}, 9, {2, 1},
            {3, 1}, {5, 1}, {0, 0}},
        {"message to the newcomer", cy.two.get(), send_, send(u"hi dan"_s, {dan.id()}), 10,
            {3, 1, u"3/1"_s}, {4, 1, u"4/1"_s}, {5, 1}, {1, 1, u"1/1"_s}},
        {"message by the newcomer", dan.two.get(), send_, send(u"new here"_s), 11, {4, 1, u"4/1"_s},
            {5, 1, u"5/1"_s}, {6, 1, u"6/1"_s}, {1, 1}},
        {"leave", dan.one.get(), u"leave"_s, {}, 12, {4, 1}, {5, 1}, {6, 1}, {}},
        {"mention of one who left", cy.one.get(), send_, send(u"@dan?"_s, {dan.id()}), 13,
            {5, 1, u"5/1"_s}, {6, 1, u"6/1"_s}, {6, 1}, {}},
        {"read to the end", bob.two.get(), u"read"_s, {{u"seq"_s, 13}}, 13, {5, 1},
            {0, 0, u"0/0"_s}, {6, 1}, {}},
    };
    for (const Step& step : steps) {
        const Marks marks = markAll(all);
        QJsonObject request = step.fields;
        request.insert(u"room"_s, room);
        const QJsonObject answer = step.actor->ask(step.type, request);
        QVERIFY2(!answer.isEmpty() && answer.value(u"type"_s) != u"error"_s,
            qPrintable(u"%1: %2"_s.arg(QLatin1String(step.what), checks::compact(answer))));
        settle(all);
        QCOMPARE(roomIn(ada.one->ask(u"rooms"_s), room).value(u"last_seq"_s).toInteger(), step.seq);
        for (const auto& [user, want] : {std::pair {&ada, step.ada}, std::pair {&bob, step.bob},
                 std::pair {&cy, step.cy}, std::pair {&dan, step.dan}}) {
            const QStringList badges =
                want.badge.isEmpty() ? QStringList {} : QStringList {want.badge};
            for (const TestClient* c : user->devices()) {
                QVERIFY2(badgesSince(*c, marks, room) == badges,
                    qPrintable(u"%1: %2 got [%3], want [%4]"_s.arg(QLatin1String(step.what),
                        c->username, badgesSince(*c, marks, room).join(u", "_s), want.badge)));
            }
            if (want.unread >= 0) {
                const QString mismatch =
                    countsMismatch(*user->one, room, want.unread, want.mentions);
                QVERIFY2(mismatch.isEmpty(),
                    qPrintable(u"%1: %2"_s.arg(QLatin1String(step.what), mismatch)));
            }
        }
    }

    // The dropped mentions are not stored either.
    const QJsonArray history =
        ada.one->ask(u"history"_s, {{u"room"_s, room}}).value(u"events"_s).toArray();
    for (const int seq : {4, 13}) {
        const QJsonObject e = history.at(seq - 1).toObject();
        QVERIFY2(e.value(u"seq"_s).toInteger() == seq && e.value(u"mentions"_s).toArray().isEmpty(),
            qPrintable(checks::compact(e)));
    }
}

void tst_Badges::readOnOneDeviceBadgesTheOther()
{
    User ada = newUser(m_server->url(), u"ada"_s), bob = newUser(m_server->url(), u"bob"_s);
    QVERIFY(ada.two && bob.two);
    const QString room =
        TestClient::roomIdOf(ada.one->createRoom(u"group"_s, u"Two screens"_s, {bob.id()}));
    QCOMPARE(post(*ada.one, room, u"a1"_s, {bob.id()}), 1);
    QCOMPARE(post(*bob.one, room, u"b2"_s, {}), 2); // bob's own, between ada's
    QCOMPARE(post(*ada.two, room, u"a3"_s, {}), 3);
    QCOMPARE(post(*ada.one, room, u"a4"_s, {bob.id()}), 4);
    // Bob's own reaction and edit after the marker: a recount must not take them for messages.
    QCOMPARE(bob.two
                 ->ask(u"react"_s,
                     {{u"room"_s, room}, {u"target"_s, 1}, {u"emoji"_s, u"👀"_s}, {u"on"_s, true}})
                 .value(u"seq"_s)
                 .toInteger(),
        5);
    QCOMPARE(bob.one->ask(u"edit"_s, {{u"room"_s, room}, {u"target"_s, 2}, {u"text"_s, u"b2!"_s}})
                 .value(u"seq"_s)
                 .toInteger(),
        6);
    QCOMPARE(post(*ada.two, room, u"a7"_s, {}), 7);
    const QList<TestClient*> all = ada.devices() + bob.devices();
    settle(all);
    COMPARE_COUNTS(*bob.two, room, 4, 2);

    // Each step reads on one device; both devices get the same new numbers.
    const struct
    {
        TestClient* reader;
        qint64 seq;
        QString badge;
    } steps[] = {
        {bob.one.get(), 1, u"3/1"_s}, // a1 read; a3, a4 (mentions bob) and a7 left
        {bob.two.get(), 2, u"3/1"_s}, // bob's own b2: the marker moves, numbers stay
        {bob.one.get(), 3, u"2/1"_s},
        {bob.two.get(), 5, u"1/0"_s}, // a marker on a reaction
        {bob.one.get(), 7, u"0/0"_s},
    };
    for (const auto& step : steps) {
        const Marks marks = markAll(all);
        QVERIFY(isType(read(*step.reader, room, step.seq), u"ok"_s));
        settle(all);
        for (const TestClient* c : bob.devices())
            QCOMPARE(badgesSince(*c, marks, room), QStringList {step.badge});
        for (const TestClient* c : ada.devices()) {
            QCOMPARE(badgesSince(*c, marks, room), QStringList {});
            QCOMPARE(c->pushes(u"receipt"_s).last().value(u"seq"_s).toInteger(), step.seq);
        }
    }
    COMPARE_COUNTS(*bob.one, room, 0, 0);
}

void tst_Badges::everyMessageBadgesEveryOtherMember()
{
    User ada = newUser(m_server->url(), u"ada"_s), bob = newUser(m_server->url(), u"bob"_s),
         cy = newUser(m_server->url(), u"cy"_s);
    QVERIFY(ada.two && bob.two && cy.two);
    const QString room =
        TestClient::roomIdOf(ada.one->createRoom(u"group"_s, u"Busy"_s, {bob.id(), cy.id()}));
    cy.one->close(); // cy is offline: no device to badge, the numbers wait in `rooms`
    cy.two->close();
    QVERIFY(cy.one->awaitClosed() && cy.two->awaitClosed());
    const QList<TestClient*> online = ada.devices() + bob.devices();
    settle(online);
    const Marks marks = markAll(online);

    constexpr int count = 40;
    QList<int> ids;
    for (int i = 1; i <= count; ++i) {
        ids << ada.one->send({{u"type"_s, u"send"_s}, {u"room"_s, room},
            {u"client_mid"_s, u"busy-%1"_s.arg(i)}, {u"text"_s, u"n%1"_s.arg(i)},
            {u"mentions"_s, QJsonArray {i % 4 == 0 ? bob.id() : cy.id()}}});
    }
    for (int i = 0; i < count; ++i)
        QCOMPARE(ada.one->awaitAnswer(ids[i]).value(u"seq"_s).toInteger(), i + 1);
    settle(online);

    // A badge carries the numbers after the last message of a commit batch (one per batch,
    // not one per message): each is exact for its moment, they only grow, and the last one
    // is the final count.
    for (const TestClient* c : bob.devices()) {
        const QStringList badges = badgesSince(*c, marks, room);
        QVERIFY(!badges.isEmpty());
        QVERIFY(badges.size() <= count);
        QCOMPARE(badges.last(), u"%1/%2"_s.arg(count).arg(count / 4));
        int previous = 0;
        for (const QString& badge : badges) {
            const int unread = badge.section(u'/', 0, 0).toInt();
            QVERIFY2(unread > previous, qPrintable(badges.join(u' ')));
            QCOMPARE(badge, u"%1/%2"_s.arg(unread).arg(unread / 4));
            previous = unread;
        }
    }
    for (const TestClient* c : ada.devices())
        QCOMPARE(badgesSince(*c, marks, room), QStringList {});

    TestClient cyAgain;
    QVERIFY(cyAgain.connectTo(m_server->url()));
    QVERIFY(isType(cyAgain.login(cy.one->username), u"welcome"_s));
    COMPARE_COUNTS(cyAgain, room, count, count - count / 4);
}

void tst_Badges::markersSurviveRestart()
{
    ServerProcess server;
    QVERIFY(server.start());
    User ada = newUser(server.url(), u"ada"_s), bob = newUser(server.url(), u"bob"_s);
    QVERIFY(ada.two && bob.two);
    const QString room =
        TestClient::roomIdOf(ada.one->createRoom(u"group"_s, u"Durable"_s, {bob.id()}));
    for (int i = 1; i <= 5; ++i)
        QCOMPARE(post(*ada.one, room, u"d%1"_s.arg(i), {bob.id()}), i);
    QVERIFY(isType(read(*bob.one, room, 3), u"ok"_s));
    QVERIFY(isType(read(*ada.one, room, 5), u"ok"_s));
    const QString adaName = ada.one->username, bobName = bob.one->username;
    ada = {};
    bob = {};

    QVERIFY(server.restart());
    TestClient a, b1, b2;
    for (auto [c, name] :
        {std::pair {&a, adaName}, std::pair {&b1, bobName}, std::pair {&b2, bobName}}) {
        QVERIFY(c->connectTo(server.url()));
        QVERIFY(isType(c->login(name), u"welcome"_s));
    }
    const QJsonObject view = roomIn(b1.ask(u"rooms"_s), room);
    QCOMPARE(view.value(u"last_read_seq"_s).toInteger(), 3);
    COMPARE_COUNTS(b1, room, 2, 2);
    COMPARE_COUNTS(a, room, 0, 0);
    const QJsonArray members =
        a.ask(u"members"_s, {{u"room"_s, room}}).value(u"members"_s).toArray();
    QCOMPARE(
        checks::findBy(members, u"user"_s, b1.userId).value(u"last_read_seq"_s).toInteger(), 3);
    QCOMPARE(checks::findBy(members, u"user"_s, a.userId).value(u"last_read_seq"_s).toInteger(), 5);

    // Still forward-only after the restart, and the live counters continue from the stored ones.
    Marks marks = markAll({&a, &b1, &b2});
    QVERIFY(isType(read(b1, room, 2), u"ok"_s));
    QCOMPARE(post(a, room, u"d6"_s), 6);
    settle({&a, &b1, &b2});
    QCOMPARE(countSince(a, marks, u"receipt"_s), 0);
    QCOMPARE(badgesSince(b2, marks, room), QStringList {u"3/2"_s});
    marks = markAll({&a, &b1, &b2});
    QVERIFY(isType(read(b2, room, 4), u"ok"_s));
    settle({&a, &b1, &b2});
    QCOMPARE(badgesSince(b1, marks, room), QStringList {u"2/1"_s});
    QCOMPARE(a.pushes(u"receipt"_s).last().value(u"seq"_s).toInteger(), 4);
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_Badges)
#include "tst_badges.moc"
