// Rooms: create_room, open_direct, join, leave, invite and kick, frame by frame against the
// Rooms section of the contract. The read-only queries are in tst_roomqueries.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>
#include <map>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
QJsonObject roomOf(const QJsonObject& frame)
{
    return frame.value(u"room"_s).toObject();
}

std::function<bool(const QJsonObject&)> forRoom(const QString& roomId)
{
    return [roomId](const QJsonObject& f) {
        const QJsonValue room = f.value(u"room"_s);
        return (room.isObject() ? room.toObject().value(u"id"_s) : room).toString() == roomId;
    };
}

std::function<bool(const QJsonObject&)> eventOf(const QString& kind, const QString& user)
{
    return [kind, user](const QJsonObject& f) {
        const QJsonObject e = f.value(u"event"_s).toObject();
        return e.value(u"kind"_s).toString() == kind && e.value(u"user"_s).toString() == user;
    };
}
} // namespace

class tst_Rooms : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createRoom_data();
    void createRoom();
    void createRoomRejected_data();
    void createRoomRejected();
    void openDirectIsIdempotent();
    void openDirectRejected_data();
    void openDirectRejected();
    void joinPublicRoom();
    void joinRefusedLooksTheSame();
    void leave();
    void inviteByOwner();
    void inviteRefused_data();
    void inviteRefused();
    void kickByOwner();
    void kickRefused_data();
    void kickRefused();

private:
    std::unique_ptr<TestClient> user(const QString& prefix)
    {
        return TestClient::registered(m_server->url(), prefix);
    }
    QJsonArray membersOf(TestClient& c, const QString& room)
    {
        return c.ask(u"members"_s, {{u"room"_s, room}}).value(u"members"_s).toArray();
    }
    QJsonArray roomsOf(TestClient& c) { return c.ask(u"rooms"_s).value(u"rooms"_s).toArray(); }

    std::unique_ptr<ServerProcess> m_server;
};

void tst_Rooms::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start());
}

void tst_Rooms::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_Rooms::createRoom_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("public") << u"public"_s;
    QTest::newRow("group") << u"group"_s;
}

void tst_Rooms::createRoom()
{
    QFETCH(QString, kind);
    auto ada = user(u"ada"_s), bob = user(u"bob"_s), cy = user(u"cy"_s);
    QVERIFY(ada && bob && cy);
    auto ada2 = ada->anotherDevice(m_server->url()), bob2 = bob->anotherDevice(m_server->url());
    QVERIFY(ada2 && bob2);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject answer = ada->ask(u"create_room"_s,
        {{u"kind"_s, kind}, {u"name"_s, u"Tea room"_s}, {u"topic"_s, u"Leaves"_s},
            {u"members"_s, QJsonArray {bob->userId, cy->userId}}});
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(isType(answer, u"room"_s));
    const QJsonObject room = roomOf(answer);
    const QString id = room.value(u"id"_s).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(room.value(u"kind"_s).toString(), kind);
    QCOMPARE(room.value(u"name"_s).toString(), u"Tea room"_s);
    QCOMPARE(room.value(u"topic"_s).toString(), u"Leaves"_s);
    QCOMPARE(room.value(u"members"_s).toInteger(), 3);
    QCOMPARE(room.value(u"last_seq"_s).toInteger(), 0); // creating appends no event
    QCOMPARE(room.value(u"role"_s).toString(), u"owner"_s);
    QCOMPARE(room.value(u"last_read_seq"_s).toInteger(), 0);
    QCOMPARE(room.value(u"unread"_s).toInteger(), 0);
    QCOMPARE(room.value(u"mentions"_s).toInteger(), 0);
    QVERIFY(room.value(u"created_ts"_s).toInteger() >= before - 1000);
    QVERIFY(room.value(u"created_ts"_s).toInteger() <= after + 1000);

    // Every device of every member hears of it, with its own role.
    for (const auto& [device, role] :
        {std::pair {ada2.get(), u"owner"_s}, std::pair {bob.get(), u"member"_s},
            std::pair {bob2.get(), u"member"_s}, std::pair {cy.get(), u"member"_s}}) {
        const QJsonObject pushed = roomOf(device->awaitPush(u"room_added"_s, forRoom(id)));
        QCOMPARE(pushed.value(u"id"_s).toString(), id);
        QCOMPARE(pushed.value(u"role"_s).toString(), role);
        QCOMPARE(pushed.value(u"members"_s).toInteger(), 3);
        QCOMPARE(pushed.value(u"last_seq"_s).toInteger(), 0);
    }

    const QJsonObject history = bob->ask(u"history"_s, {{u"room"_s, id}});
    QVERIFY(isType(history, u"history"_s));
    QVERIFY(history.value(u"events"_s).toArray().isEmpty());
    QCOMPARE(history.value(u"has_more"_s).toBool(true), false);
    QCOMPARE(bob->sendMessage(id, u"first"_s).value(u"seq"_s).toInteger(), 1);
}

void tst_Rooms::createRoomRejected_data()
{
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<QString>("code");
    const QJsonArray withStranger {u"BOB"_s, u"999999999"_s};
    QTest::newRow("direct") << QJsonObject {{u"kind"_s, u"direct"_s}, {u"name"_s, u"d"_s}}
                            << u"bad_request"_s;
    QTest::newRow("unknown kind") << QJsonObject {{u"kind"_s, u"secret"_s}, {u"name"_s, u"s"_s}}
                                  << u"bad_request"_s;
    QTest::newRow("no name") << QJsonObject {{u"kind"_s, u"group"_s}} << u"bad_request"_s;
    QTest::newRow("blank name") << QJsonObject {{u"kind"_s, u"group"_s}, {u"name"_s, u"  "_s}}
                                << u"bad_request"_s;
    QTest::newRow("unknown member") << QJsonObject {{u"kind"_s, u"public"_s},
                                           {u"name"_s, u"ghosts"_s}, {u"members"_s, withStranger}}
                                    << u"not_found"_s;
    QTest::newRow("malformed member id")
        << QJsonObject {{u"kind"_s, u"group"_s}, {u"name"_s, u"ghosts"_s},
               {u"members"_s, QJsonArray {u"BOB"_s, u"nobody"_s}}}
        << u"not_found"_s;
}

void tst_Rooms::createRoomRejected()
{
    QFETCH(QJsonObject, fields);
    QFETCH(QString, code);
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    QJsonArray members = fields.value(u"members"_s).toArray();
    for (auto&& m : members)
        m = m.toString() == u"BOB"_s ? bob->userId : m.toString();
    if (!members.isEmpty())
        fields.insert(u"members"_s, members);
    QVERIFY(isError(ada->ask(u"create_room"_s, fields), code));
    // Nothing was created, not even in part: no room for the caller or the listed member.
    QVERIFY(bob->noPush(u"room_added"_s));
    QVERIFY(roomsOf(*ada).isEmpty());
    QVERIFY(roomsOf(*bob).isEmpty());
}

void tst_Rooms::openDirectIsIdempotent()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    auto bob2 = bob->anotherDevice(m_server->url());
    QVERIFY(bob2);
    const QJsonObject first = ada->ask(u"open_direct"_s, {{u"user"_s, bob->userId}});
    QVERIFY(isType(first, u"room"_s));
    const QString id = TestClient::roomIdOf(first);
    QCOMPARE(roomOf(first).value(u"kind"_s).toString(), u"direct"_s);
    QCOMPARE(roomOf(first).value(u"members"_s).toInteger(), 2);
    QCOMPARE(roomOf(first).value(u"last_seq"_s).toInteger(), 0);
    QVERIFY(!bob->awaitPush(u"room_added"_s, forRoom(id)).isEmpty());
    QVERIFY(!bob2->awaitPush(u"room_added"_s, forRoom(id)).isEmpty());

    QCOMPARE(TestClient::roomIdOf(ada->ask(u"open_direct"_s, {{u"user"_s, bob->userId}})), id);
    QCOMPARE(TestClient::roomIdOf(bob->ask(u"open_direct"_s, {{u"user"_s, ada->userId}})), id);
    QVERIFY(bob2->noPush(u"room_added"_s)); // the pair's room already existed
    const QJsonArray rooms = roomsOf(*ada);
    QCOMPARE(rooms.size(), 1);
    QCOMPARE(rooms[0].toObject().value(u"id"_s).toString(), id);
    QCOMPARE(rooms[0].toObject().value(u"last_seq"_s).toInteger(), 0);
}

void tst_Rooms::openDirectRejected_data()
{
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("code");
    QTest::newRow("self") << u"SELF"_s << u"bad_request"_s;
    QTest::newRow("unknown user") << u"999999999"_s << u"not_found"_s;
    QTest::newRow("malformed id") << u"nobody"_s << u"not_found"_s;
}

void tst_Rooms::openDirectRejected()
{
    QFETCH(QString, peer);
    QFETCH(QString, code);
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString target = peer == u"SELF"_s ? ada->userId : peer;
    QVERIFY(isError(ada->ask(u"open_direct"_s, {{u"user"_s, target}}), code));
    QVERIFY(roomsOf(*ada).isEmpty());
}

void tst_Rooms::joinPublicRoom()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    const QString id = TestClient::roomIdOf(ada->createRoom(u"public"_s, u"Lobby"_s));
    QVERIFY(!id.isEmpty());
    const QJsonObject joined = bob->ask(u"join"_s, {{u"room"_s, id}});
    QVERIFY(isType(joined, u"room"_s));
    QCOMPARE(roomOf(joined).value(u"id"_s).toString(), id);
    QCOMPARE(roomOf(joined).value(u"role"_s).toString(), u"member"_s);
    QCOMPARE(roomOf(joined).value(u"members"_s).toInteger(), 2);
    QCOMPARE(roomOf(joined).value(u"last_seq"_s).toInteger(), 1);
    const QJsonObject event = ada->awaitPush(u"event"_s).value(u"event"_s).toObject();
    QCOMPARE(event.value(u"kind"_s).toString(), u"member_join"_s);
    QCOMPARE(event.value(u"user"_s).toString(), bob->userId);
    QCOMPARE(event.value(u"room"_s).toString(), id);
    QCOMPARE(event.value(u"seq"_s).toInteger(), 1);

    // Joining again gives the room and appends nothing.
    const QJsonObject again = bob->ask(u"join"_s, {{u"room"_s, id}});
    QCOMPARE(roomOf(again).value(u"id"_s).toString(), id);
    QCOMPARE(roomOf(again).value(u"last_seq"_s).toInteger(), 1);
    QCOMPARE(roomOf(again).value(u"members"_s).toInteger(), 2);
    QVERIFY(ada->noPush(u"event"_s));
}

void tst_Rooms::joinRefusedLooksTheSame()
{
    auto ada = user(u"ada"_s), eve = user(u"eve"_s);
    QVERIFY(ada && eve);
    const QString group = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Private"_s));
    const QJsonObject refused = eve->ask(u"join"_s, {{u"room"_s, group}});
    const QJsonObject missing = eve->ask(u"join"_s, {{u"room"_s, u"987654321"_s}});
    QVERIFY(isError(refused, u"forbidden"_s));
    QVERIFY(isError(missing, u"forbidden"_s));
    // Nothing tells a private room from a room that does not exist.
    QCOMPARE(refused.value(u"message"_s).toString(), missing.value(u"message"_s).toString());
    QCOMPARE(membersOf(*ada, group).size(), 1);
    QVERIFY(roomsOf(*eve).isEmpty());
    QVERIFY(ada->noPush(u"event"_s));
}

void tst_Rooms::leave()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    auto bob2 = bob->anotherDevice(m_server->url());
    QVERIFY(bob2);
    const QString id = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Club"_s, {bob->userId}));
    QVERIFY(isType(bob->ask(u"leave"_s, {{u"room"_s, id}}), u"ok"_s));
    const QJsonObject event = ada->awaitPush(u"event"_s, eventOf(u"member_leave"_s, bob->userId))
                                  .value(u"event"_s)
                                  .toObject();
    QCOMPARE(event.value(u"seq"_s).toInteger(), 1);
    QCOMPARE(event.value(u"room"_s).toString(), id);
    for (TestClient* device : {bob.get(), bob2.get()})
        QCOMPARE(device->awaitPush(u"room_removed"_s).value(u"room"_s).toString(), id);
    QCOMPARE(membersOf(*ada, id).size(), 1);
    QVERIFY(roomsOf(*bob).isEmpty());
    for (const QString& type : {u"members"_s, u"history"_s, u"leave"_s})
        QVERIFY(isError(bob->ask(type, {{u"room"_s, id}}), u"forbidden"_s));
    // The room's later events no longer reach any of the leaver's devices.
    bob->drain();
    bob2->drain();
    QCOMPARE(ada->sendMessage(id, u"after you left"_s).value(u"seq"_s).toInteger(), 2);
    QVERIFY(bob->noPush(u"event"_s));
    QVERIFY(bob2->noPush(u"event"_s, 0));
}

void tst_Rooms::inviteByOwner()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s), cy = user(u"cy"_s);
    QVERIFY(ada && bob && cy);
    const QString id = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Club"_s, {bob->userId}));
    QVERIFY(isType(ada->ask(u"invite"_s, {{u"room"_s, id}, {u"user"_s, cy->userId}}), u"ok"_s));
    const QJsonObject added = roomOf(cy->awaitPush(u"room_added"_s, forRoom(id)));
    QCOMPARE(added.value(u"role"_s).toString(), u"member"_s);
    QCOMPARE(added.value(u"members"_s).toInteger(), 3);
    for (TestClient* member : {ada.get(), bob.get(), cy.get()}) {
        const QJsonObject e = member->awaitPush(u"event"_s, eventOf(u"member_join"_s, cy->userId))
                                  .value(u"event"_s)
                                  .toObject();
        QCOMPARE(e.value(u"seq"_s).toInteger(), 1);
        QCOMPARE(e.value(u"room"_s).toString(), id);
    }
    QCOMPARE(membersOf(*cy, id).size(), 3);
}

void tst_Rooms::inviteRefused_data()
{
    QTest::addColumn<QString>("inviter");
    QTest::addColumn<bool>("direct");
    QTest::addColumn<QString>("invitee");
    QTest::addColumn<QString>("code");
    QTest::newRow("plain member") << u"bob"_s << false << u"dan"_s << u"forbidden"_s;
    QTest::newRow("outsider") << u"dan"_s << false << u"dan"_s << u"forbidden"_s;
    QTest::newRow("direct room") << u"ada"_s << true << u"dan"_s << u"forbidden"_s;
    QTest::newRow("unknown user") << u"ada"_s << false << u"999999999"_s << u"not_found"_s;
}

void tst_Rooms::inviteRefused()
{
    QFETCH(QString, inviter);
    QFETCH(bool, direct);
    QFETCH(QString, invitee);
    QFETCH(QString, code);
    auto ada = user(u"ada"_s), bob = user(u"bob"_s), dan = user(u"dan"_s);
    QVERIFY(ada && bob && dan);
    const QJsonObject created = direct ? ada->ask(u"open_direct"_s, {{u"user"_s, bob->userId}})
                                       : ada->createRoom(u"group"_s, u"Club"_s, {bob->userId});
    const QString id = TestClient::roomIdOf(created);
    TestClient& actor = inviter == u"ada"_s ? *ada : inviter == u"bob"_s ? *bob : *dan;
    const QString target = invitee == u"dan"_s ? dan->userId : invitee;
    QVERIFY(isError(actor.ask(u"invite"_s, {{u"room"_s, id}, {u"user"_s, target}}), code));
    QVERIFY(dan->noPush(u"room_added"_s));
    QCOMPARE(membersOf(*ada, id).size(), 2);
    QVERIFY(ada->noPush(u"event"_s, 0));
}

void tst_Rooms::kickByOwner()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s), cy = user(u"cy"_s);
    QVERIFY(ada && bob && cy);
    auto bob2 = bob->anotherDevice(m_server->url());
    QVERIFY(bob2);
    const QString id =
        TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Club"_s, {bob->userId, cy->userId}));
    QVERIFY(isType(ada->ask(u"kick"_s, {{u"room"_s, id}, {u"user"_s, bob->userId}}), u"ok"_s));
    for (TestClient* device : {bob.get(), bob2.get()})
        QCOMPARE(device->awaitPush(u"room_removed"_s).value(u"room"_s).toString(), id);
    for (TestClient* member : {ada.get(), cy.get()}) {
        const QJsonObject e = member->awaitPush(u"event"_s, eventOf(u"member_leave"_s, bob->userId))
                                  .value(u"event"_s)
                                  .toObject();
        QCOMPARE(e.value(u"seq"_s).toInteger(), 1);
        QCOMPARE(e.value(u"sender"_s).toString(), ada->userId);
    }
    QCOMPARE(membersOf(*cy, id).size(), 2);
    QVERIFY(isError(bob->ask(u"history"_s, {{u"room"_s, id}}), u"forbidden"_s));
    bob->drain();
    QCOMPARE(cy->sendMessage(id, u"after the kick"_s).value(u"seq"_s).toInteger(), 2);
    QVERIFY(bob->noPush(u"event"_s));
}

void tst_Rooms::kickRefused_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("code");
    QTest::newRow("member kicks member") << u"bob"_s << u"cy"_s << u"forbidden"_s;
    QTest::newRow("member kicks owner") << u"bob"_s << u"ada"_s << u"forbidden"_s;
    QTest::newRow("outsider kicks member") << u"dan"_s << u"bob"_s << u"forbidden"_s;
    QTest::newRow("owner kicks non-member") << u"ada"_s << u"dan"_s << u"not_found"_s;
}

void tst_Rooms::kickRefused()
{
    QFETCH(QString, actor);
    QFETCH(QString, target);
    QFETCH(QString, code);
    std::map<QString, std::unique_ptr<TestClient>> users;
    for (const QString& name : {u"ada"_s, u"bob"_s, u"cy"_s, u"dan"_s}) {
        users[name] = user(name);
        QVERIFY(users[name]);
    }
    const QString id = TestClient::roomIdOf(users[u"ada"_s]->createRoom(
        u"group"_s, u"Club"_s, {users[u"bob"_s]->userId, users[u"cy"_s]->userId}));
    const QJsonObject answer =
        users[actor]->ask(u"kick"_s, {{u"room"_s, id}, {u"user"_s, users[target]->userId}});
    QVERIFY(isError(answer, code));
    QCOMPARE(membersOf(*users[u"ada"_s], id).size(), 3);
    QVERIFY(users[target]->noPush(u"room_removed"_s));
}

QTEST_GUILESS_MAIN(tst_Rooms)
#include "tst_rooms.moc"
