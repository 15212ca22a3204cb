// Events: send and its ack, fanout to every device, gapless seqs, idempotent resends, text
// rules, replies, mentions, unread counts, edit, delete, react and membership checks.
// Unread counts, read markers and rate limits are in tst_receipts.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
QJsonObject eventOf(const QJsonObject& push)
{
    return push.value(u"event"_s).toObject();
}

// Two users with two devices each, in one room.
struct Fixture
{
    std::unique_ptr<TestClient> a1, a2, b1, b2;
    QString room;
    QList<TestClient*> devices() const { return {a1.get(), a2.get(), b1.get(), b2.get()}; }
};
} // namespace

class tst_Events : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sendAcksAndPushesOnce();
    void seqsAreGapless();
    void resendIsIdempotent();
    void concurrentResendStoresOnce();
    void sameClientMidElsewhereIsNew();
    void textLimits_data();
    void textLimits();
    void replyTo();
    void mentionsOfNonMembersDropped();
    void edit();
    void deleteBlanksText();
    void react();
    void nonMemberForbidden_data();
    void nonMemberForbidden();

private:
    bool setUp(Fixture& f, const QString& kind = u"group"_s);
    std::unique_ptr<TestClient> user(const QString& prefix)
    {
        return TestClient::registered(m_server->url(), prefix);
    }
    QJsonArray history(TestClient& c, const QString& room)
    {
        return c.request({{u"type"_s, u"history"_s}, {u"room"_s, room}})
            .value(u"events"_s)
            .toArray();
    }
    QJsonObject roomView(TestClient& c, const QString& room)
    {
        const QJsonObject answer = c.request({{u"type"_s, u"rooms"_s}});
        return checks::findBy(answer.value(u"rooms"_s).toArray(), u"id"_s, room);
    }

    std::unique_ptr<ServerProcess> m_server;
    Fixture m_shared; ///< for data-driven rows that only need a room to send into
};

bool tst_Events::setUp(Fixture& f, const QString& kind)
{
    f.a1 = user(u"ada"_s);
    f.b1 = user(u"bob"_s);
    if (!f.a1 || !f.b1)
        return false;
    f.a2 = f.a1->anotherDevice(m_server->url());
    f.b2 = f.b1->anotherDevice(m_server->url());
    f.room = TestClient::roomIdOf(f.a1->createRoom(kind, u"Room"_s, {f.b1->userId}));
    return f.a2 && f.b2 && !f.room.isEmpty();
}

void tst_Events::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s});
    QVERIFY(m_server->start());
    QVERIFY(setUp(m_shared));
}

void tst_Events::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_Events::sendAcksAndPushesOnce()
{
    Fixture f;
    QVERIFY(setUp(f));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const int id = f.a1->send({{u"type"_s, u"send"_s}, {u"room"_s, f.room},
        {u"client_mid"_s, u"m-1"_s}, {u"text"_s, u"hello"_s}});
    const QJsonObject ack = f.a1->awaitAnswer(id);
    QVERIFY(isType(ack, u"ack"_s));
    QCOMPARE(ack.value(u"re"_s).toInt(), id);
    QCOMPARE(ack.value(u"room"_s).toString(), f.room);
    QCOMPARE(ack.value(u"seq"_s).toInteger(), 1);
    QCOMPARE(ack.value(u"client_mid"_s).toString(), u"m-1"_s);
    QCOMPARE(ack.value(u"duplicate"_s).toBool(true), false);
    const qint64 ts = ack.value(u"ts"_s).toInteger();
    QVERIFY(ts >= before - 1000 && ts <= QDateTime::currentMSecsSinceEpoch() + 1000);

    for (TestClient* device : f.devices()) {
        const QJsonObject push = device->awaitPush(u"event"_s);
        QVERIFY(isType(push, u"event"_s));
        const QJsonObject e = eventOf(push);
        QCOMPARE(e.value(u"room"_s).toString(), f.room);
        QCOMPARE(e.value(u"seq"_s).toInteger(), 1);
        QCOMPARE(e.value(u"ts"_s).toInteger(), ts);
        QCOMPARE(e.value(u"sender"_s).toString(), f.a1->userId);
        QCOMPARE(e.value(u"kind"_s).toString(), u"message"_s);
        QCOMPARE(e.value(u"text"_s).toString(), u"hello"_s);
        QCOMPARE(e.value(u"client_mid"_s).toString(), u"m-1"_s);
    }
    for (TestClient* device : f.devices())
        QVERIFY(device->noPush(u"event"_s, device == f.a1.get() ? 300 : 0));
}

void tst_Events::seqsAreGapless()
{
    Fixture f;
    QVERIFY(setUp(f));
    // Both users pipeline without waiting, so the server sees the sends interleaved.
    QList<std::pair<TestClient*, int>> sent;
    for (int i = 0; i < 20; ++i) {
        TestClient* c = i % 2 ? f.b1.get() : f.a1.get();
        sent.append({c,
            c->send({{u"type"_s, u"send"_s}, {u"room"_s, f.room},
                {u"client_mid"_s, u"g-%1"_s.arg(i)}, {u"text"_s, u"n %1"_s.arg(i)}})});
    }
    QSet<qint64> acked;
    for (const auto& [client, id] : sent) {
        const QJsonObject ack = client->awaitAnswer(id);
        QVERIFY(isType(ack, u"ack"_s));
        acked.insert(ack.value(u"seq"_s).toInteger());
    }
    const QList<qint64> all = checks::seqRange(1, 20);
    QCOMPARE(acked, QSet<qint64>(all.cbegin(), all.cend()));
    // Every device sees the same stream, in seq order.
    for (TestClient* device : f.devices()) {
        QTRY_COMPARE(device->pushes(u"event"_s).size(), 20);
        QList<qint64> seqs;
        for (const QJsonObject& p : device->pushes(u"event"_s))
            seqs.append(eventOf(p).value(u"seq"_s).toInteger());
        QCOMPARE(seqs, all);
    }
}

void tst_Events::resendIsIdempotent()
{
    Fixture f;
    QVERIFY(setUp(f));
    const QJsonObject first = f.a1->sendMessage(f.room, u"once"_s, u"idem-1"_s);
    QVERIFY(isType(first, u"ack"_s));
    for (TestClient* device : f.devices())
        QVERIFY(!device->awaitPush(u"event"_s).isEmpty());
    // From the other device too: the key is (room, sender, client_mid), not the connection.
    for (TestClient* sender : {f.a1.get(), f.a2.get()}) {
        const QJsonObject again = sender->sendMessage(f.room, u"once, edited"_s, u"idem-1"_s);
        QVERIFY(isType(again, u"ack"_s));
        QCOMPARE(again.value(u"seq"_s).toInteger(), first.value(u"seq"_s).toInteger());
        QCOMPARE(again.value(u"ts"_s).toInteger(), first.value(u"ts"_s).toInteger());
        QCOMPARE(again.value(u"client_mid"_s).toString(), u"idem-1"_s);
        QCOMPARE(again.value(u"duplicate"_s).toBool(), true);
    }
    for (TestClient* device : f.devices())
        QVERIFY(device->noPush(u"event"_s, device == f.a1.get() ? 300 : 0));
    const QJsonArray events = history(*f.b1, f.room);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].toObject().value(u"text"_s).toString(), u"once"_s);
}

void tst_Events::concurrentResendStoresOnce()
{
    Fixture f;
    QVERIFY(setUp(f));
    // Both devices of one user send the same client_mid at once, before either is answered.
    const QJsonObject request {{u"type"_s, u"send"_s}, {u"room"_s, f.room},
        {u"client_mid"_s, u"race"_s}, {u"text"_s, u"only once"_s}};
    const int first = f.a1->send(request);
    const int second = f.a2->send(request);
    const QJsonObject ack1 = f.a1->awaitAnswer(first);
    const QJsonObject ack2 = f.a2->awaitAnswer(second);
    QVERIFY(isType(ack1, u"ack"_s));
    QVERIFY(isType(ack2, u"ack"_s));
    QCOMPARE(ack1.value(u"seq"_s).toInteger(), 1);
    QCOMPARE(ack2.value(u"seq"_s).toInteger(), 1);
    QCOMPARE(ack1.value(u"ts"_s).toInteger(), ack2.value(u"ts"_s).toInteger());
    QCOMPARE(ack1.value(u"duplicate"_s).toBool() + ack2.value(u"duplicate"_s).toBool(), 1);
    QVERIFY(!f.b1->awaitPush(u"event"_s).isEmpty());
    QVERIFY(f.b1->noPush(u"event"_s));
    QCOMPARE(history(*f.b1, f.room).size(), 1);
}

void tst_Events::sameClientMidElsewhereIsNew()
{
    Fixture f;
    QVERIFY(setUp(f));
    QCOMPARE(f.a1->sendMessage(f.room, u"a"_s, u"same"_s).value(u"seq"_s).toInteger(), 1);
    const QJsonObject other = f.b1->sendMessage(f.room, u"b"_s, u"same"_s);
    QCOMPARE(other.value(u"seq"_s).toInteger(), 2);
    QCOMPARE(other.value(u"duplicate"_s).toBool(true), false);
    const QString second = TestClient::roomIdOf(f.a1->createRoom(u"group"_s, u"Second"_s));
    const QJsonObject elsewhere = f.a1->sendMessage(second, u"c"_s, u"same"_s);
    QCOMPARE(elsewhere.value(u"room"_s).toString(), second);
    QCOMPARE(elsewhere.value(u"seq"_s).toInteger(), 1);
    QCOMPARE(elsewhere.value(u"duplicate"_s).toBool(true), false);
    QCOMPARE(history(*f.a1, f.room).size(), 2);
}

void tst_Events::textLimits_data()
{
    QTest::addColumn<QJsonValue>("text");
    QTest::addColumn<QString>("stored"); ///< empty: the send is refused
    QTest::addColumn<QString>("code");
    const QString a4000(4000, u'a');
    const QString emoji4000 = u"😀"_s.repeated(4000); // 8000 UTF-16 units, 4000 characters
    QTest::newRow("trimmed") << QJsonValue(u"  hi there \n\t"_s) << u"hi there"_s << QString();
    QTest::newRow("empty") << QJsonValue(u""_s) << QString() << u"bad_request"_s;
    QTest::newRow("whitespace") << QJsonValue(u" \n\t  "_s) << QString() << u"bad_request"_s;
    QTest::newRow("null") << QJsonValue() << QString() << u"bad_request"_s;
    QTest::newRow("number") << QJsonValue(42) << QString() << u"bad_request"_s;
    QTest::newRow("4000 ascii") << QJsonValue(a4000) << a4000 << QString();
    QTest::newRow("4000 padded") << QJsonValue(u"  "_s + a4000 + u"\n"_s) << a4000 << QString();
    QTest::newRow("4001 ascii") << QJsonValue(a4000 + u'a') << QString() << u"too_large"_s;
    QTest::newRow("4000 emoji") << QJsonValue(emoji4000) << emoji4000 << QString();
    QTest::newRow("4001 emoji") << QJsonValue(emoji4000 + u"😀"_s) << QString() << u"too_large"_s;
}

void tst_Events::textLimits()
{
    QFETCH(QJsonValue, text);
    QFETCH(QString, stored);
    QFETCH(QString, code);
    static int n = 0;
    TestClient& ada = *m_shared.a1;
    const qint64 lastSeq = roomView(ada, m_shared.room).value(u"last_seq"_s).toInteger();
    const QJsonObject answer = ada.request({{u"type"_s, u"send"_s}, {u"room"_s, m_shared.room},
        {u"client_mid"_s, u"t-%1"_s.arg(++n)}, {u"text"_s, text}});
    if (!code.isEmpty()) {
        QVERIFY(isError(answer, code));
        QVERIFY(m_shared.b1->noPush(u"event"_s));
        QCOMPARE(roomView(ada, m_shared.room).value(u"last_seq"_s).toInteger(), lastSeq);
        return;
    }
    QVERIFY(isType(answer, u"ack"_s));
    QCOMPARE(answer.value(u"seq"_s).toInteger(), lastSeq + 1);
    QCOMPARE(eventOf(m_shared.b1->awaitPush(u"event"_s)).value(u"text"_s).toString(), stored);
    const QJsonArray events = history(*m_shared.b1, m_shared.room);
    QCOMPARE(events.last().toObject().value(u"text"_s).toString(), stored);
}

void tst_Events::replyTo()
{
    Fixture f;
    QVERIFY(setUp(f));
    QVERIFY(isType(f.a1->sendMessage(f.room, u"question"_s), u"ack"_s));
    const auto reply = [&](qint64 target, const QString& mid) {
        return f.b1->request({{u"type"_s, u"send"_s}, {u"room"_s, f.room}, {u"client_mid"_s, mid},
            {u"text"_s, u"answer"_s}, {u"reply_to"_s, target}});
    };
    QVERIFY(isError(reply(99, u"r-1"_s), u"bad_request"_s));
    QCOMPARE(history(*f.a1, f.room).size(), 1); // nothing stored for the refused one
    QCOMPARE(reply(1, u"r-2"_s).value(u"seq"_s).toInteger(), 2);
    const QJsonObject e = eventOf(f.a1->awaitPush(u"event"_s,
        [](const QJsonObject& p) { return eventOf(p).value(u"seq"_s).toInteger() == 2; }));
    QCOMPARE(e.value(u"reply_to"_s).toInteger(), 1);
}

void tst_Events::mentionsOfNonMembersDropped()
{
    Fixture f;
    QVERIFY(setUp(f));
    auto eve = user(u"eve"_s);
    QVERIFY(eve);
    const QJsonObject ack = f.a1->request({{u"type"_s, u"send"_s}, {u"room"_s, f.room},
        {u"client_mid"_s, u"men-1"_s}, {u"text"_s, u"hey"_s},
        {u"mentions"_s, QJsonArray {f.b1->userId, eve->userId, u"999999999"_s}}});
    QVERIFY(isType(ack, u"ack"_s));
    const QJsonObject e = eventOf(f.b2->awaitPush(u"event"_s));
    QCOMPARE(e.value(u"mentions"_s).toArray(), QJsonArray {f.b1->userId});
    QCOMPARE(history(*f.a1, f.room)[0].toObject().value(u"mentions"_s).toArray(),
        QJsonArray {f.b1->userId});
}

void tst_Events::edit()
{
    Fixture f;
    QVERIFY(setUp(f));
    QVERIFY(isType(f.a1->sendMessage(f.room, u"draft"_s), u"ack"_s));
    QVERIFY(!f.b1->awaitPush(u"event"_s).isEmpty());
    const auto edit = [&](TestClient& c, qint64 target) {
        return c.request({{u"type"_s, u"edit"_s}, {u"room"_s, f.room}, {u"target"_s, target},
            {u"text"_s, u" final "_s}});
    };
    const QJsonObject ack = edit(*f.a2, 1); // any device of the sender
    QVERIFY(isType(ack, u"ack"_s));
    QCOMPARE(ack.value(u"room"_s).toString(), f.room);
    QCOMPARE(ack.value(u"seq"_s).toInteger(), 2);
    QVERIFY(ack.value(u"ts"_s).toInteger() > 0);
    const QJsonObject e = eventOf(f.b1->awaitPush(u"event"_s));
    QCOMPARE(e.value(u"kind"_s).toString(), u"edit"_s);
    QCOMPARE(e.value(u"target"_s).toInteger(), 1);
    QCOMPARE(e.value(u"text"_s).toString(), u"final"_s);
    QCOMPARE(e.value(u"sender"_s).toString(), f.a1->userId);
    QCOMPARE(e.value(u"seq"_s).toInteger(), 2);

    QVERIFY(isError(edit(*f.b1, 1), u"forbidden"_s));
    QVERIFY(isError(edit(*f.a1, 99), u"not_found"_s));
    QVERIFY(f.b1->noPush(u"event"_s));
    QCOMPARE(history(*f.a1, f.room).size(), 2);
}

void tst_Events::deleteBlanksText()
{
    Fixture f;
    QVERIFY(setUp(f));
    QVERIFY(isType(f.a1->sendMessage(f.room, u"oops"_s), u"ack"_s));
    QVERIFY(isType(f.a1->sendMessage(f.room, u"keep"_s), u"ack"_s));
    const auto del = [&](TestClient& c, qint64 target) {
        return c.request({{u"type"_s, u"delete"_s}, {u"room"_s, f.room}, {u"target"_s, target}});
    };
    QVERIFY(isError(del(*f.b1, 1), u"forbidden"_s));
    QVERIFY(isError(del(*f.a1, 99), u"not_found"_s));
    QCOMPARE(history(*f.a1, f.room)[0].toObject().value(u"text"_s).toString(), u"oops"_s);

    const QJsonObject ack = del(*f.a1, 1);
    QVERIFY(isType(ack, u"ack"_s));
    QCOMPARE(ack.value(u"seq"_s).toInteger(), 3);
    const QJsonObject e = eventOf(f.b1->awaitPush(u"event"_s,
        [](const QJsonObject& p) { return eventOf(p).value(u"seq"_s).toInteger() == 3; }));
    QCOMPARE(e.value(u"kind"_s).toString(), u"delete"_s);
    QCOMPARE(e.value(u"target"_s).toInteger(), 1);

    const QJsonArray events = history(*f.b1, f.room);
    QCOMPARE(checks::seqsOf(events), checks::seqRange(1, 3));
    const QJsonObject deleted = events[0].toObject();
    QCOMPARE(deleted.value(u"kind"_s).toString(), u"message"_s);
    QCOMPARE(deleted.value(u"deleted"_s).toBool(), true);
    QCOMPARE(deleted.value(u"text"_s).toString(), QString());
    QCOMPARE(events[1].toObject().value(u"text"_s).toString(), u"keep"_s);
    QVERIFY(!events[1].toObject().value(u"deleted"_s).toBool());
}

void tst_Events::react()
{
    Fixture f;
    QVERIFY(setUp(f));
    QVERIFY(isType(f.a1->sendMessage(f.room, u"nice"_s), u"ack"_s));
    const auto react = [&](qint64 target, bool on) {
        return f.b1->request({{u"type"_s, u"react"_s}, {u"room"_s, f.room}, {u"target"_s, target},
            {u"emoji"_s, u"👍"_s}, {u"on"_s, on}});
    };
    for (const bool on : {true, false}) {
        const QJsonObject ack = react(1, on);
        QVERIFY(isType(ack, u"ack"_s));
        QCOMPARE(ack.value(u"room"_s).toString(), f.room);
        const qint64 seq = ack.value(u"seq"_s).toInteger();
        QCOMPARE(seq, on ? 2 : 3);
        const QJsonObject e = eventOf(f.a2->awaitPush(u"event"_s,
            [seq](const QJsonObject& p) { return eventOf(p).value(u"seq"_s).toInteger() == seq; }));
        QCOMPARE(e.value(u"kind"_s).toString(), u"reaction"_s);
        QCOMPARE(e.value(u"target"_s).toInteger(), 1);
        QCOMPARE(e.value(u"emoji"_s).toString(), u"👍"_s);
        QCOMPARE(e.value(u"on"_s).toBool(!on), on);
        QCOMPARE(e.value(u"sender"_s).toString(), f.b1->userId);
    }
    QVERIFY(isError(react(42, true), u"not_found"_s));
}

void tst_Events::nonMemberForbidden_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::newRow("send") << QJsonObject {
        {u"type"_s, u"send"_s}, {u"client_mid"_s, u"x"_s}, {u"text"_s, u"intruding"_s}};
    QTest::newRow("edit") << QJsonObject {
        {u"type"_s, u"edit"_s}, {u"target"_s, 1}, {u"text"_s, u"x"_s}};
    QTest::newRow("delete") << QJsonObject {{u"type"_s, u"delete"_s}, {u"target"_s, 1}};
    QTest::newRow("react") << QJsonObject {
        {u"type"_s, u"react"_s}, {u"target"_s, 1}, {u"emoji"_s, u"👎"_s}, {u"on"_s, true}};
    QTest::newRow("read") << QJsonObject {{u"type"_s, u"read"_s}, {u"seq"_s, 1}};
    QTest::newRow("history") << QJsonObject {{u"type"_s, u"history"_s}};
}

void tst_Events::nonMemberForbidden()
{
    QFETCH(QJsonObject, request);
    Fixture f;
    QVERIFY(setUp(f));
    auto eve = user(u"eve"_s);
    QVERIFY(eve);
    QVERIFY(isType(f.a1->sendMessage(f.room, u"members only"_s), u"ack"_s));
    QVERIFY(!f.b1->awaitPush(u"event"_s).isEmpty());
    QStringList messages;
    for (const QString& room : {f.room, u"987654321"_s}) {
        request.insert(u"room"_s, room);
        const QJsonObject answer = eve->request(request);
        QVERIFY(isError(answer, u"forbidden"_s));
        messages.append(answer.value(u"message"_s).toString());
    }
    // A room one is not in reads exactly like a room that does not exist.
    QCOMPARE(messages[0], messages[1]);
    QVERIFY(f.b1->noPush(u"event"_s));
    const QJsonArray events = history(*f.b1, f.room);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].toObject().value(u"text"_s).toString(), u"members only"_s);
}

QTEST_GUILESS_MAIN(tst_Events)
#include "tst_events.moc"
