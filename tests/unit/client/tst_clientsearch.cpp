// Search and jumping to a message, with an Account against the real server: the SearchModel's
// results, names and highlighting, its debounce, answers to older queries dropped, the room
// filter and errors; TimelineModel::jumpTo loading history around an old message (before and
// after it), paging forward and joining the live tail again.
#include "client/accountsession.h"
#include "client/search/searchmodel.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::Account;
using palaver::client::SearchModel;
using palaver::client::TimelineModel;

class tst_ClientSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void resultsWithNamesAndHighlights();
    void debounceSendsTheLastQueryOnly();
    void answersToOlderQueriesAreDropped();
    void roomFilterAndErrors();
    void jumpToALoadedMessage();
    void jumpLoadsAroundAndRejoinsTheLiveTail();
    void jumpToLatestLeavesTheWindow();

private:
    void bobSends(const QString& text, const QString& room = {});
    /// The texts of the search results, newest first.
    QStringList resultTexts() const { return clienttest::column(m_ada->search(), "text"); }

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_base;
    std::unique_ptr<Account> m_ada;
    std::unique_ptr<TestClient> m_bob;
    QString m_room;
    int m_count = 0;
    int m_sent = 0;
};

void tst_ClientSearch::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s});
    QVERIFY(m_server->start());
}

void tst_ClientSearch::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_ClientSearch::init()
{
    m_base = std::make_unique<QTemporaryDir>();
    m_bob = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(m_bob);
    m_ada = clienttest::makeAccount(m_base->path());
    m_ada->signIn(
        m_server->url().toString(), u"search_ada_%1"_s.arg(++m_count), u"password123"_s, true);
    QTRY_COMPARE(m_ada->connectionState(), Account::Online);
    QSignalSpy ready(m_ada.get(), &Account::roomReady);
    m_ada->createRoom(u"group"_s, u"Kitchen"_s, u"topic"_s, {m_bob->userId});
    QTRY_COMPARE(ready.size(), 1);
    m_room = ready.first().first().toString();
    QVERIFY(m_bob->awaitPush(u"room_added"_s).size() > 0);
}

void tst_ClientSearch::cleanup()
{
    m_ada.reset();
    m_bob.reset();
    m_base.reset();
}

void tst_ClientSearch::bobSends(const QString& text, const QString& room)
{
    const QJsonObject ack =
        m_bob->request({{u"type"_s, u"send"_s}, {u"room"_s, room.isEmpty() ? m_room : room},
            {u"client_mid"_s, u"bob-%1-%2"_s.arg(++m_sent).arg(m_count)}, {u"text"_s, text}});
    QCOMPARE(ack.value(u"type"_s).toString(), u"ack"_s);
}

void tst_ClientSearch::resultsWithNamesAndHighlights()
{
    bobSends(u"lunch at noon?"_s);
    bobSends(u"Café <b>au</b> lait"_s);
    bobSends(u"the cafeteria is closed"_s);
    bobSends(u"nothing to see"_s);
    SearchModel* search = m_ada->search();
    QAbstractItemModelTester tester(search);
    QTRY_COMPARE(m_ada->timeline(m_room)->rowCount(), 4); // names are known by now

    search->setQuery(u"CAFE"_s);
    QVERIFY(search->busy());
    QTRY_VERIFY(!search->busy());
    QCOMPARE(search->error(), QString());
    // Newest first; "cafe" is the last word, so a prefix: the cafeteria matches too.
    QCOMPARE(resultTexts(), (QStringList {u"the cafeteria is closed"_s, u"Café <b>au</b> lait"_s}));
    const QModelIndex row = search->index(1, 0);
    QCOMPARE(row.data(SearchModel::RoomIdRole).toString(), m_room);
    QCOMPARE(row.data(SearchModel::RoomNameRole).toString(), u"Kitchen"_s);
    QCOMPARE(row.data(SearchModel::SenderIdRole).toString(), m_bob->userId);
    QVERIFY(!row.data(SearchModel::SenderNameRole).toString().isEmpty());
    QCOMPARE(row.data(SearchModel::SeqRole).toLongLong(), 2);
    QVERIFY(row.data(SearchModel::TsRole).toLongLong() > 0);
    // The message's own markup is escaped; only the match is tagged.
    QCOMPARE(row.data(SearchModel::MatchedTextRole).toString(),
        u"<b>Café</b> &lt;b&gt;au&lt;/b&gt; lait"_s);
    QCOMPARE(search->index(0, 0).data(SearchModel::MatchedTextRole).toString(),
        u"the <b>cafe</b>teria is closed"_s);

    search->setHighlightColor(u"#ff0000"_s);
    QCOMPARE(search->index(0, 0).data(SearchModel::MatchedTextRole).toString(),
        u"the <b><font color=\"#ff0000\">cafe</font></b>teria is closed"_s);

    // An empty query clears at once, without a request.
    search->setQuery(u"  "_s);
    QCOMPARE(search->count(), 0);
    QVERIFY(!search->busy());
}

void tst_ClientSearch::debounceSendsTheLastQueryOnly()
{
    bobSends(u"lunch at noon?"_s);
    bobSends(u"lunar eclipse"_s);
    SearchModel* search = m_ada->search();
    QSignalSpy resets(search, &QAbstractItemModel::modelReset);
    QElapsedTimer typing;
    typing.start();
    for (const QString& q : {u"l"_s, u"lu"_s, u"lun"_s, u"lunc"_s, u"lunch"_s})
        search->setQuery(q);
    QVERIFY(search->busy());
    QTRY_VERIFY(!search->busy());
    QVERIFY(typing.elapsed() >= SearchModel::kDebounceMs);
    QCOMPARE(resets.size(), 1); // one query went out: the last one
    QCOMPARE(resultTexts(), QStringList {u"lunch at noon?"_s});
}

void tst_ClientSearch::answersToOlderQueriesAreDropped()
{
    bobSends(u"lunch at noon?"_s);
    bobSends(u"dinner at eight"_s);
    SearchModel* search = m_ada->search();
    QStringList seen;
    connect(search, &QAbstractItemModel::modelReset, this,
        [&] { seen += resultTexts().isEmpty() ? u"(none)"_s : resultTexts().join(u'|'); });
    search->setQuery(u"lunch"_s);
    search->searchNow(); // in flight
    search->setQuery(u"dinner"_s);
    search->searchNow(); // answered after the first: the first answer must not show
    QTRY_VERIFY(!search->busy());
    QTest::qWait(100); // (a late first answer would land now)
    QCOMPARE(seen, QStringList {u"dinner at eight"_s});
    QCOMPARE(resultTexts(), QStringList {u"dinner at eight"_s});
}

void tst_ClientSearch::roomFilterAndErrors()
{
    const QJsonObject other = m_bob->createRoom(u"group"_s, u"Garden"_s, {m_ada->userId()});
    const QString garden = TestClient::roomIdOf(other);
    QTRY_VERIFY(m_ada->rooms()->rowOf(garden) >= 0);
    bobSends(u"roses need water"_s, garden);
    bobSends(u"water the kitchen plants"_s);
    SearchModel* search = m_ada->search();
    search->setQuery(u"water"_s);
    QTRY_VERIFY(!search->busy());
    QCOMPARE(search->count(), 2);
    QCOMPARE(search->index(1, 0).data(SearchModel::RoomNameRole).toString(), u"Garden"_s);

    search->setRoomFilter(garden);
    QVERIFY(search->busy());
    QTRY_VERIFY(!search->busy());
    QCOMPARE(resultTexts(), QStringList {u"roses need water"_s});

    // A room ada is not in: forbidden, shown as an error, no results.
    const QString secret = TestClient::roomIdOf(m_bob->createRoom(u"group"_s, u"Secret"_s, {}));
    search->setRoomFilter(secret);
    QTRY_VERIFY(!search->busy());
    QVERIFY(!search->error().isEmpty());
    QCOMPARE(search->count(), 0);

    // Offline: an error at once, nothing queued.
    search->setRoomFilter({});
    m_ada->connection().close();
    QTRY_VERIFY(m_ada->connectionState() != Account::Online);
    search->setQuery(u"roses"_s);
    QTRY_VERIFY(!search->busy());
    QVERIFY(search->error().contains(u"offline"_s));
}

void tst_ClientSearch::jumpToALoadedMessage()
{
    for (int i = 1; i <= 5; ++i)
        bobSends(u"m %1"_s.arg(i));
    TimelineModel* timeline = m_ada->timeline(m_room);
    QTRY_COMPARE(timeline->rowCount(), 5);
    QSignalSpy jumped(timeline, &TimelineModel::jumped);
    timeline->jumpTo(3);
    QCOMPARE(jumped.size(), 1); // at once: nothing to load
    QCOMPARE(jumped.first().at(0).toLongLong(), 3);
    QCOMPARE(jumped.first().at(1).toInt(), timeline->rowOf(3));
    QVERIFY(!timeline->isDetached());
}

void tst_ClientSearch::jumpLoadsAroundAndRejoinsTheLiveTail()
{
    // 300 messages; a second device of ada with an empty cache holds the newest 200 of them.
    for (int i = 1; i <= 300; ++i)
        m_bob->send({{u"type"_s, u"send"_s}, {u"room"_s, m_room},
            {u"client_mid"_s, u"old-%1"_s.arg(i)}, {u"text"_s, u"old %1"_s.arg(i)}});
    QTRY_COMPARE_WITH_TIMEOUT(m_ada->timeline(m_room)->rowCount(), 300, 20000);
    QTemporaryDir otherBase;
    auto laptop = clienttest::makeAccount(otherBase.path());
    laptop->signIn(m_server->url().toString(), m_ada->username(), u"password123"_s, false);
    QTRY_COMPARE(laptop->connectionState(), Account::Online);
    QTRY_VERIFY(laptop->session() && laptop->session()->sync().isCaughtUp());
    // No QAbstractItemModelTester on these timelines: it calls fetchMore on every reset,
    // which would load more rows than the window under test (tst_timelinemodel has one).
    TimelineModel* timeline = laptop->timeline(m_room);
    QCOMPARE(clienttest::rowSeqs(timeline).last(), 300);

    QSignalSpy jumped(timeline, &TimelineModel::jumped);
    QSignalSpy detached(timeline, &TimelineModel::detachedChanged);
    timeline->jumpTo(40);
    QTRY_COMPARE(jumped.size(), 1);
    QVERIFY(timeline->isDetached());
    QCOMPARE(detached.size(), 1);
    // Half a page on either side of the message, the message itself included.
    const QList<qint64> window = clienttest::rowSeqs(timeline);
    QList<qint64> expected;
    for (qint64 seq = 40 - TimelineModel::kPageSize / 2 + 1;
         seq <= 40 + TimelineModel::kPageSize / 2; ++seq)
        expected.append(seq);
    QCOMPARE(window, expected);
    QCOMPARE(jumped.first().at(1).toInt(), timeline->rowOf(40));
    QCOMPARE(timeline->index(timeline->rowOf(40), 0).data(TimelineModel::TextRole).toString(),
        u"old 40"_s);

    // Older pages come as before, down to the first message.
    QVERIFY(timeline->canFetchMore({}));
    timeline->fetchMore({});
    QTRY_COMPARE(clienttest::rowSeqs(timeline).first(), 1);
    QTRY_VERIFY(!timeline->canFetchMore({}));

    // A live message while detached does not show: the window would have a hole.
    bobSends(u"live one"_s);
    QTRY_COMPARE(laptop->rooms()
                     ->index(laptop->rooms()->rowOf(m_room), 0)
                     .data(palaver::client::RoomListModel::PreviewRole)
                     .toString(),
        u"live one"_s);
    QCOMPARE(clienttest::rowSeqs(timeline).last(), expected.last());

    // Paging forward (server pages, then the cached newest ones) reaches the live tail.
    int pages = 0;
    while (timeline->isDetached() && pages++ < 20) {
        const int before = timeline->rowCount();
        timeline->fetchNewer();
        QTRY_VERIFY(timeline->rowCount() > before || !timeline->isDetached());
    }
    QVERIFY(!timeline->isDetached());
    QCOMPARE(detached.size(), 2);
    QList<qint64> all;
    for (qint64 seq = 1; seq <= 301; ++seq)
        all.append(seq);
    QCOMPARE(clienttest::rowSeqs(timeline), all);

    // Live again: the next message shows at once.
    bobSends(u"after rejoining"_s);
    QTRY_COMPARE(clienttest::messageTexts(timeline).last(), u"after rejoining"_s);
}

void tst_ClientSearch::jumpToLatestLeavesTheWindow()
{
    for (int i = 1; i <= 120; ++i)
        m_bob->send({{u"type"_s, u"send"_s}, {u"room"_s, m_room},
            {u"client_mid"_s, u"j-%1"_s.arg(i)}, {u"text"_s, u"j %1"_s.arg(i)}});
    QTRY_COMPARE_WITH_TIMEOUT(m_ada->timeline(m_room)->rowCount(), 120, 20000);
    // A fresh device: every message is in its cache, the newest page on screen.
    QTemporaryDir otherBase;
    auto laptop = clienttest::makeAccount(otherBase.path());
    laptop->signIn(m_server->url().toString(), m_ada->username(), u"password123"_s, false);
    QTRY_COMPARE(laptop->connectionState(), Account::Online);
    QTRY_VERIFY(laptop->session() && laptop->session()->sync().isCaughtUp());
    // No QAbstractItemModelTester on these timelines: it calls fetchMore on every reset,
    // which would load more rows than the window under test (tst_timelinemodel has one).
    TimelineModel* timeline = laptop->timeline(m_room);
    const QList<qint64> latest = clienttest::rowSeqs(timeline);
    QCOMPARE(latest.size(), TimelineModel::kPageSize);
    QCOMPARE(latest.last(), 120);
    timeline->jumpToLatest(); // a no-op while attached
    QCOMPARE(clienttest::rowSeqs(timeline), latest);

    QSignalSpy jumped(timeline, &TimelineModel::jumped);
    timeline->jumpTo(5);
    QTRY_COMPARE(jumped.size(), 1);
    QVERIFY(timeline->isDetached());
    QCOMPARE(clienttest::rowSeqs(timeline).first(), 1);
    // The user sends (or presses "jump to latest"): the newest page again, live.
    timeline->jumpToLatest();
    QVERIFY(!timeline->isDetached());
    QCOMPARE(clienttest::rowSeqs(timeline), latest);
    bobSends(u"live again"_s);
    QTRY_COMPARE(clienttest::messageTexts(timeline).last(), u"live again"_s);
    // A jump to a message that does not exist leaves the rows alone.
    timeline->jumpTo(100000);
    QTRY_COMPARE(jumped.size(), 2);
    QCOMPARE(jumped.last().at(1).toInt(), -1);
    QVERIFY(!timeline->isDetached());
}

QTEST_GUILESS_MAIN(tst_ClientSearch)
#include "tst_clientsearch.moc"
