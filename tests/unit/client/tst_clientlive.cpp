// The live side of an Account against the real server: notifications, badges and the unread
// total, read markers and receipts, typing both ways, edits, reactions and deletes, direct
// rooms named after the peer with presence, and older history paged in from the server.
#include "client/accountsession.h"
#include "client/models/roomlistmodel.h"
#include "client/models/typingmodel.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::Account;
using palaver::client::RoomListModel;
using palaver::client::TimelineModel;

class tst_ClientLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void notificationsAndUnread();
    void receiptsMakeOwnMessagesRead();
    void typingBothWays();
    void editsReactionsAndDeletes();
    void directRoomShowsThePeer();
    void olderHistoryFromTheServer();

private:
    QJsonObject bobSends(const QString& text, const QStringList& mentions = {});

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_base;
    std::unique_ptr<Account> m_ada;
    std::unique_ptr<TestClient> m_bob;
    QString m_room;
    int m_count = 0;
    int m_sent = 0;
};

void tst_ClientLive::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s});
    QVERIFY(m_server->start());
}

void tst_ClientLive::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_ClientLive::init()
{
    m_base = std::make_unique<QTemporaryDir>();
    m_bob = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(m_bob);
    m_ada = clienttest::makeAccount(m_base->path());
    m_ada->signIn(
        m_server->url().toString(), u"live_ada_%1"_s.arg(++m_count), u"password123"_s, true);
    QTRY_COMPARE(m_ada->connectionState(), Account::Online);
    QSignalSpy ready(m_ada.get(), &Account::roomReady);
    m_ada->createRoom(u"group"_s, u"Live"_s, u"topic"_s, {m_bob->userId});
    QTRY_COMPARE(ready.size(), 1);
    m_room = ready.first().first().toString();
    QVERIFY(m_bob->awaitPush(u"room_added"_s).size() > 0);
}

void tst_ClientLive::cleanup()
{
    m_ada.reset();
    m_bob.reset();
    m_base.reset();
}

QJsonObject tst_ClientLive::bobSends(const QString& text, const QStringList& mentions)
{
    QJsonObject request {{u"type"_s, u"send"_s}, {u"room"_s, m_room},
        {u"client_mid"_s, u"bob-%1-%2"_s.arg(++m_sent).arg(m_count)}, {u"text"_s, text}};
    if (!mentions.isEmpty())
        request.insert(u"mentions"_s, QJsonArray::fromStringList(mentions));
    return m_bob->request(request);
}

void tst_ClientLive::notificationsAndUnread()
{
    QSignalSpy notes(m_ada.get(), &Account::notification);
    m_ada->windowActiveChanged(true);
    m_ada->setActiveRoom(u"elsewhere"_s);
    bobSends(u"hello"_s);
    QTRY_COMPARE(notes.size(), 1);
    QCOMPARE(notes.at(0).at(0).toString(), m_room);
    QCOMPARE(notes.at(0).at(2).toString(), u"hello"_s);
    QCOMPARE(notes.at(0).at(3).toBool(), false);
    QTRY_COMPARE(m_ada->totalUnread(), 1);

    bobSends(u"hi @ada"_s, {m_ada->userId()});
    QTRY_COMPARE(notes.size(), 2);
    QCOMPARE(notes.at(1).at(3).toBool(), true); // a mention
    QTRY_COMPARE(m_ada->totalUnread(), 2);
    const QModelIndex row = m_ada->rooms()->index(m_ada->rooms()->rowOf(m_room), 0);
    QTRY_COMPARE(row.data(RoomListModel::MentionsRole).toInt(), 1);

    // Looking at the room: no banner.
    m_ada->setActiveRoom(m_room);
    bobSends(u"while you look"_s);
    auto* timeline = m_ada->timeline(m_room);
    QTRY_COMPARE(clienttest::messageTexts(timeline).size(), 3);
    QCOMPARE(notes.size(), 2);
    QCOMPARE(timeline->firstUnreadRow(), 0);

    // Seen on screen while the window is active: the marker moves and the badge clears.
    timeline->markSeen(3);
    QTRY_COMPARE(m_ada->totalUnread(), 0);
    QTRY_COMPARE(timeline->firstUnreadRow(), -1);
    const QJsonObject receipt = m_bob->awaitPush(u"receipt"_s);
    QCOMPARE(receipt.value(u"seq"_s).toInteger(), 3);
}

void tst_ClientLive::receiptsMakeOwnMessagesRead()
{
    auto* timeline = m_ada->timeline(m_room);
    m_ada->sendMessage(m_room, u"did you read this?"_s);
    QTRY_COMPARE(clienttest::column(timeline, "deliveryState"), QStringList {u"sent"_s});
    QCOMPARE(m_bob->request({{u"type"_s, u"read"_s}, {u"room"_s, m_room}, {u"seq"_s, 1}})
                 .value(u"type"_s)
                 .toString(),
        u"ok"_s);
    QTRY_COMPARE(clienttest::column(timeline, "deliveryState"), QStringList {u"read"_s});
    QCOMPARE(clienttest::column(timeline, "seenBy"), QStringList {u"1"_s});
}

void tst_ClientLive::typingBothWays()
{
    auto* typing = m_ada->typing(m_room);
    QSignalSpy text(typing, &palaver::client::TypingModel::textChanged);
    m_bob->request({{u"type"_s, u"typing"_s}, {u"room"_s, m_room}, {u"active"_s, true}});
    QTRY_COMPARE(typing->rowCount(), 1);
    QVERIFY(typing->text().endsWith(u"is typing…"_s));
    m_bob->request({{u"type"_s, u"typing"_s}, {u"room"_s, m_room}, {u"active"_s, false}});
    QTRY_COMPARE(typing->rowCount(), 0);

    m_ada->userTyping(m_room);
    m_ada->userTyping(m_room); // within 3 s: no second push
    const QJsonObject started = m_bob->awaitPush(u"typing"_s);
    QCOMPARE(started.value(u"active"_s).toBool(), true);
    QCOMPARE(started.value(u"user"_s).toString(), m_ada->userId());
    m_ada->sendMessage(m_room, u"done typing"_s); // sending ends it
    const QJsonObject stopped = m_bob->awaitPush(u"typing"_s);
    QCOMPARE(stopped.value(u"active"_s).toBool(), false);
}

void tst_ClientLive::editsReactionsAndDeletes()
{
    auto* timeline = m_ada->timeline(m_room);
    m_ada->sendMessage(m_room, u"helo"_s);
    QTRY_COMPARE(clienttest::rowSeqs(timeline), QList<qint64> {1});
    m_ada->editMessage(m_room, 1, u"hello"_s);
    QTRY_COMPARE(clienttest::messageTexts(timeline), QStringList {u"hello"_s});
    QVERIFY(timeline->index(0, 0).data(TimelineModel::EditedRole).toBool());
    m_ada->react(m_room, 1, u"🎉"_s, true);
    m_bob->request(
        {{u"type"_s, u"react"_s}, {u"room"_s, m_room}, {u"target"_s, 1}, {u"emoji"_s, u"🎉"_s}});
    QTRY_COMPARE(timeline->index(0, 0)
                     .data(TimelineModel::ReactionsRole)
                     .toList()
                     .value(0)
                     .toMap()
                     .value(u"count"_s)
                     .toInt(),
        2);
    m_ada->react(m_room, 1, u"🎉"_s, false);
    QTRY_VERIFY(!timeline->index(0, 0)
                     .data(TimelineModel::ReactionsRole)
                     .toList()
                     .value(0)
                     .toMap()
                     .value(u"mine"_s)
                     .toBool());
    m_ada->deleteMessage(m_room, 1);
    QTRY_VERIFY(timeline->index(0, 0).data(TimelineModel::DeletedRole).toBool());
    QCOMPARE(timeline->rowCount(), 1);
    // Someone else's message cannot be edited; the error reaches the UI.
    QSignalSpy errors(m_ada.get(), &Account::errorOccurred);
    bobSends(u"mine, not yours"_s);
    QTRY_COMPARE(timeline->rowCount(), 2);
    const qint64 bobsSeq = clienttest::rowSeqs(timeline).last();
    m_ada->editMessage(m_room, bobsSeq, u"hijack"_s);
    QTRY_COMPARE(errors.size(), 1);
}

void tst_ClientLive::directRoomShowsThePeer()
{
    QSignalSpy ready(m_ada.get(), &Account::roomReady);
    m_ada->openDirect(m_bob->userId);
    QTRY_COMPARE(ready.size(), 1);
    const QString direct = ready.first().first().toString();
    RoomListModel* rooms = m_ada->rooms();
    QTRY_COMPARE(rooms->index(rooms->rowOf(direct), 0).data(RoomListModel::NameRole).toString(),
        m_bob->username);
    QCOMPARE(rooms->index(rooms->rowOf(direct), 0).data(RoomListModel::PeerUserIdRole).toString(),
        m_bob->userId);
    QTRY_COMPARE(
        rooms->index(rooms->rowOf(direct), 0).data(RoomListModel::PeerPresenceRole).toString(),
        u"online"_s);
    m_bob->request({{u"type"_s, u"presence"_s}, {u"status"_s, u"away"_s}});
    QTRY_COMPARE(
        rooms->index(rooms->rowOf(direct), 0).data(RoomListModel::PeerPresenceRole).toString(),
        u"away"_s);
    // The room list shows newest activity first.
    m_ada->sendMessage(direct, u"psst"_s);
    QTRY_COMPARE(rooms->rowOf(direct), 0);
    QTRY_COMPARE(rooms->index(0, 0).data(RoomListModel::PreviewRole).toString(), u"psst"_s);
}

void tst_ClientLive::olderHistoryFromTheServer()
{
    // 230 messages, then a second device of ada with an empty cache: sync brings the newest
    // 200, the cache pages come first, the server pages after them.
    for (int i = 0; i < 230; ++i)
        m_bob->send({{u"type"_s, u"send"_s}, {u"room"_s, m_room},
            {u"client_mid"_s, u"old-%1"_s.arg(i)}, {u"text"_s, u"old %1"_s.arg(i)}});
    QTRY_COMPARE_WITH_TIMEOUT(clienttest::rowSeqs(m_ada->timeline(m_room)).size(), 230, 20000);
    QTemporaryDir otherBase;
    auto laptop = clienttest::makeAccount(otherBase.path());
    laptop->signIn(m_server->url().toString(), m_ada->username(), u"password123"_s, false);
    QTRY_COMPARE(laptop->connectionState(), Account::Online);
    QTRY_COMPARE(laptop->rooms()->rowCount(), 1);
    QTRY_VERIFY(laptop->session()->sync().isCaughtUp());
    auto* timeline = laptop->timeline(m_room);
    QCOMPARE(timeline->rowCount(), TimelineModel::kPageSize);
    while (timeline->canFetchMore({})) {
        const int before = timeline->rowCount();
        timeline->fetchMore({});
        QTRY_VERIFY(timeline->rowCount() > before); // from the cache at once, else the server
    }
    QList<qint64> all;
    for (qint64 seq = 1; seq <= 230; ++seq)
        all.append(seq);
    QCOMPARE(clienttest::rowSeqs(timeline), all);
    QCOMPARE(clienttest::messageTexts(timeline).first(), u"old 0"_s);
}

QTEST_GUILESS_MAIN(tst_ClientLive)
#include "tst_clientlive.moc"
