// History paging (before/after/limit, has_more at both ends) and sync after a reconnect, on a
// room of 250 messages.
#include "tests/support/framechecks.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;
using checks::seqRange;
using checks::seqsOf;

namespace {
constexpr int kBigRoomSize = 250;

// The events of one room, in the order the answer lists them.
QJsonArray eventsOfRoom(const QJsonObject& answer, const QString& room)
{
    QJsonArray events;
    for (const QJsonValue& e : answer.value(u"events"_s).toArray()) {
        if (e.toObject().value(u"room"_s).toString() == room)
            events.append(e);
    }
    return events;
}

QSet<qint64> toSet(const QList<qint64>& seqs)
{
    return QSet<qint64>(seqs.cbegin(), seqs.cend());
}

// Sends `count` messages without waiting, then waits for every ack.
bool sendMany(TestClient& c, const QString& room, int count, const QString& midPrefix)
{
    QList<int> ids;
    for (int i = 1; i <= count; ++i) {
        ids.append(c.send({{u"type"_s, u"send"_s}, {u"room"_s, room},
            {u"client_mid"_s, u"%1%2"_s.arg(midPrefix).arg(i)}, {u"text"_s, u"n %1"_s.arg(i)}}));
    }
    for (const int id : std::as_const(ids)) {
        if (!isType(c.awaitAnswer(id), u"ack"_s))
            return false;
    }
    return true;
}
} // namespace

class tst_History : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void defaultPage();
    void limits_data();
    void limits();
    void pages_data();
    void pages();
    void beforeWithAfterIsBadRequest();
    void nonMemberForbidden();
    void syncWithCursors();
    void syncHasMore();
    void syncAfterDisconnect();

private:
    QJsonObject history(const QJsonObject& fields)
    {
        QJsonObject r = fields;
        r.insert(u"type"_s, u"history"_s);
        if (!r.contains(u"room"_s))
            r.insert(u"room"_s, m_room);
        return m_ada->request(r);
    }
    static QJsonObject sync(TestClient& c, const QJsonObject& cursors)
    {
        return c.request({{u"type"_s, u"sync"_s}, {u"cursors"_s, cursors}});
    }

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<TestClient> m_ada;
    QString m_room; ///< kBigRoomSize messages, seq 1 .. kBigRoomSize
};

void tst_History::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s});
    QVERIFY(m_server->start());
    m_ada = TestClient::registered(m_server->url(), u"ada"_s);
    QVERIFY(m_ada);
    m_room = TestClient::roomIdOf(m_ada->createRoom(u"group"_s, u"Big"_s));
    QVERIFY(sendMany(*m_ada, m_room, kBigRoomSize, u"h-"_s));
}

void tst_History::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_History::defaultPage()
{
    const QJsonObject answer = history({});
    QVERIFY(isType(answer, u"history"_s));
    QCOMPARE(answer.value(u"room"_s).toString(), m_room);
    const QJsonArray events = answer.value(u"events"_s).toArray();
    QCOMPARE(seqsOf(events), seqRange(kBigRoomSize - 49, kBigRoomSize));
    QCOMPARE(answer.value(u"has_more"_s).toBool(), true);
    const QJsonObject last = events.last().toObject();
    QCOMPARE(last.value(u"kind"_s).toString(), u"message"_s);
    QCOMPARE(last.value(u"client_mid"_s).toString(), u"h-%1"_s.arg(kBigRoomSize));
    QCOMPARE(last.value(u"text"_s).toString(), u"n %1"_s.arg(kBigRoomSize));
    QCOMPARE(last.value(u"sender"_s).toString(), m_ada->userId);
}

void tst_History::limits_data()
{
    QTest::addColumn<QJsonValue>("limit");
    QTest::addColumn<int>("count"); ///< -1: refused with bad_request
    QTest::newRow("1") << QJsonValue(1) << 1;
    QTest::newRow("200") << QJsonValue(200) << 200;
    QTest::newRow("201") << QJsonValue(201) << -1;
    QTest::newRow("0") << QJsonValue(0) << -1;
    QTest::newRow("negative") << QJsonValue(-5) << -1;
    QTest::newRow("fraction") << QJsonValue(2.5) << -1;
    QTest::newRow("string") << QJsonValue(u"10"_s) << -1;
}

void tst_History::limits()
{
    QFETCH(QJsonValue, limit);
    QFETCH(int, count);
    const QJsonObject answer = history({{u"limit"_s, limit}});
    if (count < 0) {
        QVERIFY(isError(answer, u"bad_request"_s));
        return;
    }
    QVERIFY(isType(answer, u"history"_s));
    QCOMPARE(seqsOf(answer.value(u"events"_s).toArray()),
        seqRange(kBigRoomSize - count + 1, kBigRoomSize));
    QCOMPARE(answer.value(u"has_more"_s).toBool(), true);
}

void tst_History::pages_data()
{
    QTest::addColumn<QString>("direction"); ///< "before" or "after"
    QTest::addColumn<int>("bound");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("first"); ///< first seq of the page (0: empty page)
    QTest::addColumn<int>("last");
    QTest::addColumn<bool>("hasMore");
    QTest::newRow("newest page") << u"before"_s << kBigRoomSize + 1 << 100 << 151 << 250 << true;
    QTest::newRow("back one page") << u"before"_s << 151 << 100 << 51 << 150 << true;
    QTest::newRow("back to the start, exactly full") << u"before"_s << 51 << 50 << 1 << 50 << false;
    QTest::newRow("back to the start, short") << u"before"_s << 51 << 100 << 1 << 50 << false;
    QTest::newRow("before the first") << u"before"_s << 1 << 50 << 0 << 0 << false;
    QTest::newRow("from the start") << u"after"_s << 0 << 100 << 1 << 100 << true;
    QTest::newRow("forward one page") << u"after"_s << 100 << 100 << 101 << 200 << true;
    QTest::newRow("forward to the end, exactly full")
        << u"after"_s << 150 << 100 << 151 << 250 << false;
    QTest::newRow("forward to the end, short") << u"after"_s << 200 << 100 << 201 << 250 << false;
    QTest::newRow("after the last") << u"after"_s << 250 << 50 << 0 << 0 << false;
    QTest::newRow("far after the last") << u"after"_s << 100000 << 50 << 0 << 0 << false;
}

void tst_History::pages()
{
    QFETCH(QString, direction);
    QFETCH(int, bound);
    QFETCH(int, limit);
    QFETCH(int, first);
    QFETCH(int, last);
    QFETCH(bool, hasMore);
    const QJsonObject answer = history({{direction, bound}, {u"limit"_s, limit}});
    QVERIFY(isType(answer, u"history"_s));
    const QJsonArray events = answer.value(u"events"_s).toArray();
    // Ascending inside the page, whichever way it pages.
    QCOMPARE(seqsOf(events), first ? seqRange(first, last) : QList<qint64>());
    QCOMPARE(answer.value(u"has_more"_s).toBool(!hasMore), hasMore);
}

void tst_History::beforeWithAfterIsBadRequest()
{
    QVERIFY(isError(history({{u"before"_s, 100}, {u"after"_s, 10}}), u"bad_request"_s));
    QVERIFY(isError(history({{u"before"_s, u"100"_s}}), u"bad_request"_s));
    QVERIFY(isError(history({{u"after"_s, -1}}), u"bad_request"_s));
    QVERIFY(m_ada->isConnected()); // bad requests never close the connection
}

void tst_History::nonMemberForbidden()
{
    auto eve = TestClient::registered(m_server->url(), u"eve"_s);
    QVERIFY(eve);
    const QJsonObject refused = eve->request({{u"type"_s, u"history"_s}, {u"room"_s, m_room}});
    const QJsonObject missing =
        eve->request({{u"type"_s, u"history"_s}, {u"room"_s, u"987654321"_s}});
    QVERIFY(isError(refused, u"forbidden"_s));
    QVERIFY(isError(missing, u"forbidden"_s));
    QCOMPARE(refused.value(u"message"_s).toString(), missing.value(u"message"_s).toString());
    QVERIFY(!refused.contains(u"events"_s));
}

void tst_History::syncWithCursors()
{
    auto sue = TestClient::registered(m_server->url(), u"sue"_s);
    auto bob = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(sue && bob);
    QStringList rooms;
    for (const int size : {10, 5, 3}) {
        rooms.append(TestClient::roomIdOf(bob->createRoom(u"group"_s, u"R"_s, {sue->userId})));
        QVERIFY(sendMany(*bob, rooms.last(), size, u"s-"_s));
    }
    // The cursor of a room sue is not in must reveal nothing.
    const QJsonObject answer = sync(*sue, {{rooms[0], 7}, {rooms[1], 5}, {m_room, 0}});
    QVERIFY(isType(answer, u"synced"_s));
    QStringList listed;
    for (const QJsonValue& r : answer.value(u"rooms"_s).toArray())
        listed.append(r.toObject().value(u"id"_s).toString());
    listed.sort();
    QStringList expected = rooms;
    expected.sort();
    QCOMPARE(listed, expected);
    QCOMPARE(seqsOf(eventsOfRoom(answer, rooms[0])), seqRange(8, 10));
    QCOMPARE(seqsOf(eventsOfRoom(answer, rooms[1])), QList<qint64>());
    QCOMPARE(seqsOf(eventsOfRoom(answer, rooms[2])), seqRange(1, 3)); // absent: latest page
    QVERIFY(eventsOfRoom(answer, m_room).isEmpty());
    QCOMPARE(answer.value(u"events"_s).toArray().size(), 6);
    const QJsonObject hasMore = answer.value(u"has_more"_s).toObject();
    for (const QString& room : std::as_const(rooms))
        QCOMPARE(hasMore.value(room).toBool(true), false);
    QVERIFY(!hasMore.contains(m_room));
}

void tst_History::syncHasMore()
{
    const QJsonObject behind = sync(*m_ada, {{m_room, 10}});
    QVERIFY(isType(behind, u"synced"_s));
    QCOMPARE(seqsOf(eventsOfRoom(behind, m_room)), seqRange(11, 210));
    QCOMPARE(behind.value(u"has_more"_s).toObject().value(m_room).toBool(), true);

    const QJsonObject fresh = sync(*m_ada, {});
    QCOMPARE(seqsOf(eventsOfRoom(fresh, m_room)), seqRange(kBigRoomSize - 199, kBigRoomSize));
    QCOMPARE(fresh.value(u"has_more"_s).toObject().value(m_room).toBool(), true);

    const QJsonObject almost = sync(*m_ada, {{m_room, kBigRoomSize - 200}});
    QCOMPARE(seqsOf(eventsOfRoom(almost, m_room)), seqRange(kBigRoomSize - 199, kBigRoomSize));
    QCOMPARE(almost.value(u"has_more"_s).toObject().value(m_room).toBool(true), false);
}

void tst_History::syncAfterDisconnect()
{
    auto sam = TestClient::registered(m_server->url(), u"sam"_s);
    auto bob = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(sam && bob);
    const QString room =
        TestClient::roomIdOf(bob->createRoom(u"group"_s, u"Chat"_s, {sam->userId}));
    QVERIFY(sendMany(*bob, room, 5, u"before-"_s));
    QTRY_COMPARE(sam->pushes(u"event"_s).size(), 5);
    QList<qint64> pushed;
    for (const QJsonObject& p : sam->pushes(u"event"_s))
        pushed.append(p.value(u"event"_s).toObject().value(u"seq"_s).toInteger());
    sam->close();
    QVERIFY(sam->awaitClosed());

    // While sam is away: more messages, and a room sam is added to.
    QVERIFY(sendMany(*bob, room, 5, u"after-"_s));
    const QString newRoom =
        TestClient::roomIdOf(bob->createRoom(u"group"_s, u"New"_s, {sam->userId}));
    QVERIFY(sendMany(*bob, newRoom, 2, u"new-"_s));

    TestClient back;
    QVERIFY(back.connectTo(m_server->url()));
    QVERIFY(isType(back.resume(sam->token), u"welcome"_s));
    const QJsonObject answer =
        sync(back, {{room, *std::max_element(pushed.cbegin(), pushed.cend())}});
    QVERIFY(isType(answer, u"synced"_s));
    const QList<qint64> synced = seqsOf(eventsOfRoom(answer, room));
    QCOMPARE(synced, seqRange(6, 10));
    QVERIFY(!toSet(pushed).intersects(toSet(synced))); // nothing twice
    QCOMPARE(toSet(pushed) | toSet(synced), toSet(seqRange(1, 10))); // nothing missing
    const QJsonArray missed = eventsOfRoom(answer, room);
    QCOMPARE(missed.first().toObject().value(u"client_mid"_s).toString(), u"after-1"_s);
    QCOMPARE(seqsOf(eventsOfRoom(answer, newRoom)), seqRange(1, 2));
    QVERIFY(!checks::findBy(answer.value(u"rooms"_s).toArray(), u"id"_s, newRoom).isEmpty());
}

QTEST_GUILESS_MAIN(tst_History)
#include "tst_history.moc"
