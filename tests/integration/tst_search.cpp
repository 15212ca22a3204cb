// Full-text search (`search`): what is found, in which order, for whom, and that no query
// text can break it. Every test has fresh users, so it sees only its own rooms.
#include "tests/integration/tst_search_schema.h"
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
QJsonObject searchFrame(const QString& query, const QJsonObject& extra = {})
{
    QJsonObject r = extra;
    r.insert(u"type"_s, u"search"_s);
    r.insert(u"query"_s, query);
    return r;
}

// The texts of the events a search answered, in its order.
QStringList textsOf(const QJsonObject& answer)
{
    QStringList texts;
    for (const QJsonValue& e : answer.value(u"events"_s).toArray())
        texts.append(e.toObject().value(u"text"_s).toString());
    return texts;
}

qint64 seqOf(const QJsonObject& ack)
{
    return ack.value(u"seq"_s).toInteger();
}
} // namespace

class tst_Search : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void findsWord();
    void newestFirst();
    void limit();
    void roomFilter();
    void unknownRoomForbidden_data();
    void unknownRoomForbidden();
    void leftRoomGivesNothing();
    void joinedRoomGivesHistory();
    void editsFindCurrentText();
    void deletedNotFound();
    void otherUsersRoomsNeverFound();
    void accents_data();
    void accents();
    void prefixOfLastWord_data();
    void prefixOfLastWord();
    void hostileQueries_data();
    void hostileQueries();
    void queryLength();
    void unicode_data();
    void unicode();
    void upgradeIndexesOldMessages();
    void withoutUnaccent();

private:
    std::unique_ptr<TestClient> user(const QString& prefix)
    {
        return TestClient::registered(m_server->url(), prefix);
    }
    // A group room of `owner` with `members`; its id.
    QString group(TestClient& owner, const QStringList& members = {})
    {
        return TestClient::roomIdOf(owner.createRoom(u"group"_s, u"Search"_s, members));
    }
    // `client`'s account on `server` again after a restart.
    static std::unique_ptr<TestClient> signedInAgain(
        ServerProcess& server, const TestClient& client)
    {
        auto c = std::make_unique<TestClient>();
        if (!c->connectTo(server.url()) || !isType(c->login(client.username), u"welcome"_s))
            return nullptr;
        return c;
    }
    static QJsonObject search(TestClient& c, const QString& query, const QJsonObject& extra = {})
    {
        return c.request(searchFrame(query, extra));
    }
    // A user with one room holding `texts`, searched by `query`: the texts found.
    QStringList findIn(const QStringList& texts, const QString& query)
    {
        auto c = user(u"finder"_s);
        if (!c)
            return {u"<no user>"_s};
        const QString room = group(*c);
        for (const QString& t : texts) {
            if (!isType(c->sendMessage(room, t), u"ack"_s))
                return {u"<send failed>"_s};
        }
        const QJsonObject answer = search(*c, query);
        if (!isType(answer, u"search_results"_s))
            return {u"<error>"_s};
        return textsOf(answer);
    }

    std::unique_ptr<ServerProcess> m_server;
};

void tst_Search::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s});
    QVERIFY(m_server->start());
}

void tst_Search::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_Search::findsWord()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    const QString room = group(*ada, {bob->userId});
    QVERIFY(isType(ada->sendMessage(room, u"the quick brown fox"_s, u"m-1"_s), u"ack"_s));
    QVERIFY(isType(ada->sendMessage(room, u"a lazy dog"_s), u"ack"_s));
    const QJsonObject answer = search(*bob, u"brown"_s);
    QVERIFY(isType(answer, u"search_results"_s));
    const QJsonArray events = answer.value(u"events"_s).toArray();
    QCOMPARE(events.size(), 1);
    // The message event as history has it.
    const QJsonObject history =
        bob->request({{u"type"_s, u"history"_s}, {u"room"_s, room}, {u"limit"_s, 10}});
    QJsonObject stored;
    for (const QJsonValue& e : history.value(u"events"_s).toArray()) {
        if (e.toObject().value(u"text"_s) == u"the quick brown fox"_s)
            stored = e.toObject();
    }
    QVERIFY(!stored.isEmpty());
    QCOMPARE(events.first().toObject(), stored);
    QCOMPARE(stored.value(u"kind"_s).toString(), u"message"_s);
    QCOMPARE(stored.value(u"client_mid"_s).toString(), u"m-1"_s);
    QCOMPARE(stored.value(u"sender"_s).toString(), ada->userId);
    // Case does not matter; several words must all be there, in any order.
    QCOMPARE(textsOf(search(*bob, u"QUICK"_s)), QStringList {u"the quick brown fox"_s});
    QCOMPARE(textsOf(search(*bob, u"fox quick"_s)), QStringList {u"the quick brown fox"_s});
    QCOMPARE(textsOf(search(*bob, u"fox dog"_s)), QStringList {});
    QCOMPARE(textsOf(search(*bob, u"cat"_s)), QStringList {});
}

void tst_Search::newestFirst()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString r1 = group(*ada), r2 = group(*ada);
    for (int i = 1; i <= 6; ++i)
        QVERIFY(isType(ada->sendMessage(i % 2 ? r1 : r2, u"zebra %1"_s.arg(i)), u"ack"_s));
    QVERIFY(isType(ada->sendMessage(r1, u"no match here"_s), u"ack"_s));
    const QJsonObject answer = search(*ada, u"zebra"_s);
    QCOMPARE(textsOf(answer),
        (QStringList {
            u"zebra 6"_s, u"zebra 5"_s, u"zebra 4"_s, u"zebra 3"_s, u"zebra 2"_s, u"zebra 1"_s}));
    // By ts, then seq: never older before newer.
    const QJsonArray events = answer.value(u"events"_s).toArray();
    for (qsizetype i = 1; i < events.size(); ++i) {
        const QJsonObject newer = events[i - 1].toObject(), older = events[i].toObject();
        QVERIFY(newer.value(u"ts"_s).toInteger() >= older.value(u"ts"_s).toInteger());
    }
}

void tst_Search::limit()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString room = group(*ada);
    for (int i = 1; i <= 25; ++i)
        QVERIFY(isType(ada->sendMessage(room, u"yak %1"_s.arg(i)), u"ack"_s));
    QCOMPARE(textsOf(search(*ada, u"yak"_s)).size(), 20); // the default
    QCOMPARE(textsOf(search(*ada, u"yak"_s, {{u"limit"_s, 3}})),
        (QStringList {u"yak 25"_s, u"yak 24"_s, u"yak 23"_s}));
    QCOMPARE(textsOf(search(*ada, u"yak"_s, {{u"limit"_s, 200}})).size(), 25);
    QVERIFY(isError(search(*ada, u"yak"_s, {{u"limit"_s, 201}}), u"bad_request"_s));
    QVERIFY(isError(search(*ada, u"yak"_s, {{u"limit"_s, 0}}), u"bad_request"_s));
}

void tst_Search::roomFilter()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString r1 = group(*ada), r2 = group(*ada);
    QVERIFY(isType(ada->sendMessage(r1, u"otter one"_s), u"ack"_s));
    QVERIFY(isType(ada->sendMessage(r2, u"otter two"_s), u"ack"_s));
    QCOMPARE(textsOf(search(*ada, u"otter"_s)), (QStringList {u"otter two"_s, u"otter one"_s}));
    QCOMPARE(textsOf(search(*ada, u"otter"_s, {{u"room"_s, r1}})), QStringList {u"otter one"_s});
    QCOMPARE(textsOf(search(*ada, u"otter"_s, {{u"room"_s, r2}})), QStringList {u"otter two"_s});
}

void tst_Search::unknownRoomForbidden_data()
{
    QTest::addColumn<QString>("room");
    QTest::newRow("unknown") << u"999999"_s;
    QTest::newRow("not a number") << u"abc"_s;
    QTest::newRow("someone else's") << QString(); // filled in by the test
}

void tst_Search::unknownRoomForbidden()
{
    QFETCH(QString, room);
    auto ada = user(u"ada"_s), eve = user(u"eve"_s);
    QVERIFY(ada && eve);
    if (room.isEmpty()) {
        room = group(*ada);
        QVERIFY(isType(ada->sendMessage(room, u"secret plans"_s), u"ack"_s));
    }
    const QJsonObject answer = search(*eve, u"secret"_s, {{u"room"_s, room}});
    QVERIFY(isError(answer, u"forbidden"_s));
    QCOMPARE(answer.value(u"message"_s).toString(), u"no such room, or you are not a member"_s);
}

void tst_Search::leftRoomGivesNothing()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    const QString room = group(*ada, {bob->userId});
    QVERIFY(isType(ada->sendMessage(room, u"walrus ahoy"_s), u"ack"_s));
    QCOMPARE(textsOf(search(*bob, u"walrus"_s)).size(), 1);
    QVERIFY(isType(bob->ask(u"leave"_s, {{u"room"_s, room}}), u"ok"_s));
    QCOMPARE(textsOf(search(*bob, u"walrus"_s)), QStringList {});
    QVERIFY(isError(search(*bob, u"walrus"_s, {{u"room"_s, room}}), u"forbidden"_s));
    QCOMPARE(textsOf(search(*ada, u"walrus"_s)).size(), 1);
}

void tst_Search::joinedRoomGivesHistory()
{
    auto ada = user(u"ada"_s), cyd = user(u"cyd"_s);
    QVERIFY(ada && cyd);
    const QString room = TestClient::roomIdOf(ada->createRoom(u"public"_s, u"Open"_s));
    QVERIFY(isType(ada->sendMessage(room, u"narwhal before"_s), u"ack"_s));
    QCOMPARE(textsOf(search(*cyd, u"narwhal"_s)), QStringList {});
    QVERIFY(isType(cyd->ask(u"join"_s, {{u"room"_s, room}}), u"room"_s));
    QVERIFY(isType(ada->sendMessage(room, u"narwhal after"_s), u"ack"_s));
    QCOMPARE(textsOf(search(*cyd, u"narwhal"_s)),
        (QStringList {u"narwhal after"_s, u"narwhal before"_s}));
}

void tst_Search::editsFindCurrentText()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString room = group(*ada);
    const QJsonObject sent = ada->sendMessage(room, u"apple pie"_s, u"edit-1"_s);
    QVERIFY(isType(sent, u"ack"_s));
    const QJsonObject edit1 = ada->ask(
        u"edit"_s, {{u"room"_s, room}, {u"target"_s, seqOf(sent)}, {u"text"_s, u"banana pie"_s}});
    QVERIFY(isType(edit1, u"ack"_s));
    QVERIFY(
        isType(ada->ask(u"edit"_s,
                   {{u"room"_s, room}, {u"target"_s, seqOf(sent)}, {u"text"_s, u"cherry pie"_s}}),
            u"ack"_s));
    QCOMPARE(textsOf(search(*ada, u"apple"_s)), QStringList {});
    QCOMPARE(textsOf(search(*ada, u"banana"_s)), QStringList {});
    const QJsonObject found = search(*ada, u"cherry"_s);
    QCOMPARE(textsOf(found), QStringList {u"cherry pie"_s});
    // The message itself (its seq, kind, client_mid), with the text clients show for it.
    const QJsonObject event = found.value(u"events"_s).toArray().first().toObject();
    QCOMPARE(event.value(u"seq"_s).toInteger(), seqOf(sent));
    QCOMPARE(event.value(u"kind"_s).toString(), u"message"_s);
    QCOMPARE(event.value(u"client_mid"_s).toString(), u"edit-1"_s);
    // The message once, not the edit events ("pie" is in all three texts).
    QCOMPARE(textsOf(search(*ada, u"pie"_s)), QStringList {u"cherry pie"_s});
}

void tst_Search::deletedNotFound()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString room = group(*ada);
    const QJsonObject doomed = ada->sendMessage(room, u"badger gone"_s);
    QVERIFY(isType(ada->sendMessage(room, u"badger stays"_s), u"ack"_s));
    QVERIFY(
        isType(ada->ask(u"delete"_s, {{u"room"_s, room}, {u"target"_s, seqOf(doomed)}}), u"ack"_s));
    QCOMPARE(textsOf(search(*ada, u"badger"_s)), QStringList {u"badger stays"_s});
    QCOMPARE(textsOf(search(*ada, u"gone"_s)), QStringList {});
    // An edited message deleted later: neither text is found.
    const QJsonObject edited = ada->sendMessage(room, u"ferret first"_s);
    QVERIFY(isType(
        ada->ask(u"edit"_s,
            {{u"room"_s, room}, {u"target"_s, seqOf(edited)}, {u"text"_s, u"ferret second"_s}}),
        u"ack"_s));
    QVERIFY(
        isType(ada->ask(u"delete"_s, {{u"room"_s, room}, {u"target"_s, seqOf(edited)}}), u"ack"_s));
    QCOMPARE(textsOf(search(*ada, u"ferret"_s)), QStringList {});
}

void tst_Search::otherUsersRoomsNeverFound()
{
    auto ada = user(u"ada"_s), bob = user(u"bob"_s), eve = user(u"eve"_s);
    QVERIFY(ada && bob && eve);
    const QString room = group(*ada, {bob->userId});
    const QString open = TestClient::roomIdOf(ada->createRoom(u"public"_s, u"Lobby"_s));
    QVERIFY(isType(ada->sendMessage(room, u"hedgehog private"_s), u"ack"_s));
    QVERIFY(isType(ada->sendMessage(open, u"hedgehog public"_s), u"ack"_s));
    const QJsonObject direct = ada->ask(u"open_direct"_s, {{u"user"_s, bob->userId}});
    QVERIFY(isType(ada->sendMessage(TestClient::roomIdOf(direct), u"hedgehog direct"_s), u"ack"_s));
    // A public room one could join is still not searched before joining.
    QCOMPARE(textsOf(search(*eve, u"hedgehog"_s)), QStringList {});
    QCOMPARE(textsOf(search(*bob, u"hedgehog"_s)),
        (QStringList {u"hedgehog direct"_s, u"hedgehog private"_s}));
}

void tst_Search::accents_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::newRow("plain finds accented") << u"un café crème"_s << u"cafe"_s;
    QTest::newRow("accented finds plain") << u"the cafe is open"_s << u"café"_s;
    QTest::newRow("upper accented") << u"un café crème"_s << u"CRÈME"_s;
    QTest::newRow("two words") << u"un café crème"_s << u"creme cafe"_s;
    QTest::newRow("german") << u"Grüße aus Köln"_s << u"koln"_s;
    QTest::newRow("prefix without accent") << u"Ελληνικά"_s << u"ελλην"_s;
}

void tst_Search::accents()
{
    QFETCH(QString, text);
    QFETCH(QString, query);
    QCOMPARE(findIn({text, u"unrelated"_s}, query), QStringList {text});
}

void tst_Search::prefixOfLastWord_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("found");
    QTest::newRow("prefix") << u"hel"_s << true;
    QTest::newRow("whole word") << u"hello"_s << true;
    QTest::newRow("last word prefix") << u"hello wor"_s << true;
    QTest::newRow("earlier word is whole") << u"hel world"_s << false;
    QTest::newRow("not inside a word") << u"ello"_s << false;
    QTest::newRow("longer than the word") << u"helloo"_s << false;
}

void tst_Search::prefixOfLastWord()
{
    QFETCH(QString, query);
    QFETCH(bool, found);
    const QStringList hits = findIn({u"hello world"_s}, query);
    QCOMPARE(hits, found ? QStringList {u"hello world"_s} : QStringList {});
}

void tst_Search::hostileQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    const QStringList none;
    const QStringList hello {u"say \"hello\" AND NEAR: -x *"_s};
    // Quotes, operators and column filters are separators: what is left is plain words.
    QTest::newRow("quote") << u"\""_s << none;
    QTest::newRow("star") << u"*"_s << none;
    QTest::newRow("minus") << u"-"_s << none;
    QTest::newRow("colon") << u":"_s << none;
    QTest::newRow("NEAR(") << u"NEAR("_s << hello;
    QTest::newRow("AND") << u"AND"_s << hello;
    QTest::newRow("OR alone") << u"OR"_s << none;
    QTest::newRow("NOT") << u"NOT hello"_s << none;
    QTest::newRow("open quote") << u"\"hello"_s << hello;
    QTest::newRow("quoted") << u"\"hello\""_s << hello;
    QTest::newRow("column filter") << u"text:hello"_s << none;
    QTest::newRow("negation") << u"-hello"_s << hello;
    QTest::newRow("star suffix") << u"hel*"_s << hello;
    QTest::newRow("caret") << u"^hello"_s << hello;
    QTest::newRow("parentheses") << u"(hello) AND (say"_s << hello;
    QTest::newRow("tsquery syntax") << u"hello & !say | x <-> :*"_s << hello;
    QTest::newRow("sql") << u"' OR 1=1 --"_s << none;
    QTest::newRow("backslash") << u"\\"_s << none;
    QTest::newRow("punctuation") << u"!?.,;()[]{}"_s << none;
    QTest::newRow("emoji") << u"🎉🙂"_s << none;
    QTest::newRow("emoji and word") << u"🎉hello"_s << hello;
    QTest::newRow("combining mark") << u"\u0301"_s << none;
}

void tst_Search::hostileQueries()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    const QStringList texts {u"say \"hello\" AND NEAR: -x *"_s, u"🎉🙂"_s, u"!?.,;"_s};
    QCOMPARE(findIn(texts, query), expected);
}

void tst_Search::queryLength()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString room = group(*ada);
    const QString longWord = QString(99, u'q') + u'x';
    QVERIFY(isType(ada->sendMessage(room, longWord), u"ack"_s));
    QCOMPARE(textsOf(search(*ada, longWord)), QStringList {longWord});
    QCOMPARE(textsOf(search(*ada, QString(50, u'"') + QString(50, u'*'))), QStringList {});
    QCOMPARE(textsOf(search(*ada, QStringList(50, u"a"_s).join(u' '))), QStringList {});
    // Over 100 characters is `too_large`, as for every over-long field (the contract's
    // limits table); blank is `bad_request`.
    QVERIFY(isError(search(*ada, longWord + u'x'), u"too_large"_s));
    QVERIFY(isError(search(*ada, u"   "_s), u"bad_request"_s));
}

void tst_Search::unicode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("found");
    QTest::newRow("cyrillic") << u"Привет, мир!"_s << u"привет"_s << true;
    QTest::newRow("cyrillic upper") << u"Привет, мир!"_s << u"МИР"_s << true;
    QTest::newRow("cyrillic prefix") << u"Привет, мир!"_s << u"прив"_s << true;
    // CJK has no spaces and neither unicode61 nor PostgreSQL's parser segment it: a run of
    // CJK characters is one word, found whole or by a prefix, not from its middle.
    QTest::newRow("cjk run") << u"東京タワー に 行った"_s << u"東京タワー"_s << true;
    QTest::newRow("cjk prefix") << u"東京タワー に 行った"_s << u"東京"_s << true;
    QTest::newRow("cjk spaced word") << u"東京タワー に 行った"_s << u"行った"_s << true;
    QTest::newRow("cjk middle") << u"東京タワー に 行った"_s << u"タワー"_s << false;
    QTest::newRow("hangul") << u"안녕하세요 세계"_s << u"세계"_s << true;
    QTest::newRow("devanagari") << u"नमस्ते दुनिया"_s << u"नमस्ते"_s << true;
    QTest::newRow("emoji between words") << u"party🎉time"_s << u"time"_s << true;
}

void tst_Search::unicode()
{
    QFETCH(QString, text);
    QFETCH(QString, query);
    QFETCH(bool, found);
    QCOMPARE(findIn({text}, query), found ? QStringList {text} : QStringList {});
}

void tst_Search::upgradeIndexesOldMessages()
{
    // A database from before migration 005 (its search schema taken out again) gets every
    // message indexed when the server starts, with edits and deletes as they were.
    ServerProcess server;
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    QVERIFY(ada);
    const QString room = group(*ada);
    QVERIFY(isType(ada->sendMessage(room, u"lemur plain"_s), u"ack"_s));
    const QJsonObject edited = ada->sendMessage(room, u"lemur draft"_s);
    for (const QString& text : {u"lemur second"_s, u"lemur final"_s})
        QVERIFY(isType(ada->ask(u"edit"_s,
                           {{u"room"_s, room}, {u"target"_s, seqOf(edited)}, {u"text"_s, text}}),
            u"ack"_s));
    const QJsonObject deleted = ada->sendMessage(room, u"lemur deleted"_s);
    QVERIFY(isType(
        ada->ask(u"delete"_s, {{u"room"_s, room}, {u"target"_s, seqOf(deleted)}}), u"ack"_s));
    QCOMPARE(server.stop(), 0);
    QVERIFY2(searchschema::remove(server), "could not take the search schema out");
    QVERIFY(server.start());
    auto back = signedInAgain(server, *ada);
    QVERIFY(back);
    QCOMPARE(
        textsOf(search(*back, u"lemur"_s)), (QStringList {u"lemur final"_s, u"lemur plain"_s}));
    QCOMPARE(textsOf(search(*back, u"draft"_s)), QStringList {});
    // And the index is live again.
    QVERIFY(isType(back->sendMessage(room, u"lemur new"_s), u"ack"_s));
    QCOMPARE(textsOf(search(*back, u"lemur"_s)).size(), 3);
    QCOMPARE(server.stop(), 0);
}

void tst_Search::withoutUnaccent()
{
    if (!ServerProcess::postgresMode())
        QSKIP("PostgreSQL only: SQLite's FTS5 removes accents itself, with no extension");
    ServerProcess server;
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    QVERIFY(ada);
    const QString room = group(*ada);
    QVERIFY(isType(ada->sendMessage(room, u"un café"_s), u"ack"_s));
    QCOMPARE(server.stop(), 0);
    QVERIFY(searchschema::remove(server));
    QVERIFY(searchschema::blockUnaccent(server));
    QVERIFY(server.start()); // the migration falls back instead of failing
    auto back = signedInAgain(server, *ada);
    QVERIFY(back);
    QVERIFY(isType(back->sendMessage(room, u"une crème"_s), u"ack"_s));
    // Without unaccent accents count, and everything else works as before.
    QCOMPARE(textsOf(search(*back, u"cafe"_s)), QStringList {});
    QCOMPARE(textsOf(search(*back, u"café"_s)), QStringList {u"un café"_s});
    QCOMPARE(textsOf(search(*back, u"CAF"_s)), QStringList {u"un café"_s});
    QCOMPARE(textsOf(search(*back, u"creme"_s)), QStringList {});
    QCOMPARE(textsOf(search(*back, u"Crème"_s)), QStringList {u"une crème"_s});
    QCOMPARE(textsOf(search(*back, u"\"*:-"_s)), QStringList {});
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_Search)
#include "tst_search.moc"
