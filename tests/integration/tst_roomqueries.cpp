// Room queries: rooms, directory, members (with presence) and users, against the Rooms section
// of the contract.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

class tst_RoomQueries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void roomsListsOwnRooms();
    void directory();
    void directoryNonAsciiCase_data();
    void directoryNonAsciiCase();
    void membersAndPresence();
    void usersSearch();
    void usersNonAsciiDisplayName();

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

void tst_RoomQueries::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY(m_server->start());
}

void tst_RoomQueries::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_RoomQueries::roomsListsOwnRooms()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    const QString own = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Mine"_s));
    const QString pub = TestClient::roomIdOf(ada->createRoom(u"public"_s, u"Open"_s));
    const QString bobs =
        TestClient::roomIdOf(bob->createRoom(u"group"_s, u"Bobs"_s, {ada->userId}));
    TestClient::roomIdOf(bob->createRoom(u"group"_s, u"Not for ada"_s));
    QCOMPARE(bob->sendMessage(bobs, u"one"_s).value(u"seq"_s).toInteger(), 1);
    QVERIFY(
        isType(bob->request({{u"type"_s, u"send"_s}, {u"room"_s, bobs}, {u"client_mid"_s, u"m2"_s},
                   {u"text"_s, u"hi ada"_s}, {u"mentions"_s, QJsonArray {ada->userId}}}),
            u"ack"_s));

    const QJsonArray rooms = roomsOf(*ada);
    QCOMPARE(rooms.size(), 3);
    const QJsonObject mine = checks::findBy(rooms, u"id"_s, own);
    QCOMPARE(mine.value(u"role"_s).toString(), u"owner"_s);
    QCOMPARE(mine.value(u"members"_s).toInteger(), 1);
    QCOMPARE(mine.value(u"kind"_s).toString(), u"group"_s);
    QCOMPARE(checks::findBy(rooms, u"id"_s, pub).value(u"kind"_s).toString(), u"public"_s);
    const QJsonObject theirs = checks::findBy(rooms, u"id"_s, bobs);
    QCOMPARE(theirs.value(u"role"_s).toString(), u"member"_s);
    QCOMPARE(theirs.value(u"members"_s).toInteger(), 2);
    QCOMPARE(theirs.value(u"last_seq"_s).toInteger(), 2);
    QCOMPARE(theirs.value(u"last_read_seq"_s).toInteger(), 0);
    QCOMPARE(theirs.value(u"unread"_s).toInteger(), 2);
    QCOMPARE(theirs.value(u"mentions"_s).toInteger(), 1);
    QCOMPARE(theirs.value(u"name"_s).toString(), u"Bobs"_s);
}

void tst_RoomQueries::directory()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    for (const auto& [kind, name] :
        {std::pair {u"public"_s, u"Wombat Lounge"_s}, std::pair {u"public"_s, u"the wombat club"_s},
            std::pair {u"group"_s, u"WOMBAT secrets"_s}, std::pair {u"public"_s, u"Kangaroo"_s}})
        QVERIFY(isType(ada->createRoom(kind, name), u"room"_s));
    const auto names = [](const QJsonObject& answer) {
        QStringList list;
        for (const QJsonValue& r : answer.value(u"rooms"_s).toArray())
            list.append(r.toObject().value(u"name"_s).toString());
        list.sort();
        return list;
    };
    const QStringList expected {u"Wombat Lounge"_s, u"the wombat club"_s};
    for (const QString& query : {u"wombat"_s, u"WOMBAT"_s, u"bat"_s}) {
        const QJsonObject answer = bob->ask(u"directory"_s, {{u"query"_s, query}});
        QVERIFY(isType(answer, u"rooms"_s));
        QCOMPARE(names(answer), expected);
    }
    QCOMPARE(
        names(bob->ask(u"directory"_s, {{u"query"_s, u"wombat"_s}, {u"limit"_s, 1}})).size(), 1);
    const QJsonObject all = bob->ask(u"directory"_s);
    QVERIFY(names(all).contains(u"Kangaroo"_s));
    QVERIFY(!names(all).contains(u"WOMBAT secrets"_s));
    for (const QJsonValue& r : all.value(u"rooms"_s).toArray())
        QCOMPARE(r.toObject().value(u"kind"_s).toString(), u"public"_s);
}

void tst_RoomQueries::directoryNonAsciiCase_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("exact name") << u"Ärger im Büro"_s;
    QTest::newRow("lower case") << u"ärger"_s;
    QTest::newRow("upper case") << u"ÄRGER"_s;
    QTest::newRow("lower in the name, upper in the query") << u"BÜRO"_s;
    QTest::newRow("lower in both") << u"büro"_s;
}

void tst_RoomQueries::directoryNonAsciiCase()
{
    QFETCH(QString, query);
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    static const QString id =
        TestClient::roomIdOf(ada->createRoom(u"public"_s, u"Ärger im Büro"_s));
    QVERIFY(!id.isEmpty());
    const QJsonArray rooms =
        ada->ask(u"directory"_s, {{u"query"_s, query}}).value(u"rooms"_s).toArray();
    QVERIFY(!checks::findBy(rooms, u"id"_s, id).isEmpty());
}

void tst_RoomQueries::membersAndPresence()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s), cy = user(u"cy"_s), eve = user(u"eve"_s);
    QVERIFY(ada && bob && cy && eve);
    const QString id =
        TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Club"_s, {bob->userId, cy->userId}));
    QCOMPARE(bob->sendMessage(id, u"hello"_s).value(u"seq"_s).toInteger(), 1);
    QVERIFY(isType(ada->ask(u"read"_s, {{u"room"_s, id}, {u"seq"_s, 1}}), u"ok"_s));
    const qint64 beforeDisconnect = QDateTime::currentMSecsSinceEpoch();
    cy->close();

    const QJsonArray members = membersOf(*bob, id);
    QCOMPARE(members.size(), 3);
    const QJsonObject a = checks::findBy(members, u"user"_s, ada->userId);
    QCOMPARE(a.value(u"role"_s).toString(), u"owner"_s);
    QCOMPARE(a.value(u"username"_s).toString(), ada->username);
    QCOMPARE(a.value(u"last_read_seq"_s).toInteger(), 1);
    QCOMPARE(a.value(u"presence"_s).toString(), u"online"_s);
    const QJsonObject b = checks::findBy(members, u"user"_s, bob->userId);
    QCOMPARE(b.value(u"role"_s).toString(), u"member"_s);
    QCOMPARE(b.value(u"presence"_s).toString(), u"online"_s);
    // last_seen is written once the server has seen the disconnect: poll for it.
    QJsonObject c;
    QTRY_VERIFY_WITH_TIMEOUT((c = checks::findBy(membersOf(*bob, id), u"user"_s, cy->userId),
                                 c.value(u"presence"_s).toString() == u"offline"_s &&
                                     c.value(u"last_seen"_s).toInteger() >= beforeDisconnect),
        10000);
    QCOMPARE(c.value(u"role"_s).toString(), u"member"_s);
    QVERIFY(c.value(u"last_seen"_s).toInteger() <= QDateTime::currentMSecsSinceEpoch());

    const QJsonObject outsider = eve->ask(u"members"_s, {{u"room"_s, id}});
    const QJsonObject missing = eve->ask(u"members"_s, {{u"room"_s, u"987654321"_s}});
    QVERIFY(isError(outsider, u"forbidden"_s));
    QVERIFY(isError(missing, u"forbidden"_s));
    QCOMPARE(outsider.value(u"message"_s).toString(), missing.value(u"message"_s).toString());
    QVERIFY(!outsider.contains(u"members"_s));
}

void tst_RoomQueries::usersSearch()
{
    auto n1 = user(u"numbat"_s), n2 = user(u"xnumbatx"_s), other = user(u"quoll"_s);
    QVERIFY(n1 && n2 && other);
    const auto search = [&](const QJsonObject& fields) {
        const QJsonObject answer = other->ask(u"users"_s, fields);
        return answer.value(u"users"_s).toArray();
    };
    const QJsonArray found = search({{u"query"_s, u"numbat"_s}});
    QCOMPARE(found.size(), 2);
    for (TestClient* u : {n1.get(), n2.get()}) {
        const QJsonObject entry = checks::findBy(found, u"id"_s, u->userId);
        QCOMPARE(entry.value(u"username"_s).toString(), u->username);
        QVERIFY(entry.contains(u"display_name"_s));
        QCOMPARE(entry.value(u"presence"_s).toString(), u"online"_s);
    }
    QCOMPARE(search({{u"query"_s, u"NUMBAT"_s}}).size(), 2);
    QCOMPARE(search({{u"query"_s, u"numbat"_s}, {u"limit"_s, 1}}).size(), 1);
    QVERIFY(search({{u"query"_s, u"no-such-user-anywhere"_s}}).isEmpty());
    n2->close();
    QTRY_COMPARE_WITH_TIMEOUT(
        checks::findBy(search({{u"query"_s, u"xnumbatx"_s}}), u"id"_s, n2->userId)
            .value(u"presence"_s)
            .toString(),
        u"offline"_s, 10000);
}

void tst_RoomQueries::usersNonAsciiDisplayName()
{
    TestClient emile;
    QVERIFY(emile.connectTo(m_server->url()));
    const QJsonObject welcome = emile.request(
        {{u"type"_s, u"register"_s}, {u"protocol"_s, 1}, {u"username"_s, u"emile_z"_s},
            {u"password"_s, u"password123"_s}, {u"display_name"_s, u"Émile Zola"_s}});
    QVERIFY(isType(welcome, u"welcome"_s));
    const QString id = welcome.value(u"user"_s).toObject().value(u"id"_s).toString();
    const auto found = [&](const QString& query) {
        const QJsonObject answer = emile.ask(u"users"_s, {{u"query"_s, query}});
        return !checks::findBy(answer.value(u"users"_s).toArray(), u"id"_s, id).isEmpty();
    };
    QVERIFY(found(u"zola"_s)); // ASCII folds
    QVERIFY(found(u"Émile"_s));
}

QTEST_GUILESS_MAIN(tst_RoomQueries)
#include "tst_roomqueries.moc"
