// RoomListModel fed with real server frames: rows sorted by last activity and moved (not
// reset) when a room gets news, badges, previews, direct rooms named after the peer with
// the peer's presence, removal, and the unread total.
#include "client/models/roomlistmodel.h"
#include "client/rules/unreadtotals.h"
#include "tests/unit/client/clienttestsupport.h"
#include "tests/unit/client/modelfixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace palaver;
using namespace palaver::client;
using clienttest::ModelFixture;

class tst_RoomListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void roleNames();
    void sortedByActivityAndMovedOnNews();
    void badgesAndPreview();
    void directRoomsShowThePeer();
    void removedRoomsLeave();
    void cachedRoomsLoadAtStart();

private:
    std::unique_ptr<ModelFixture> m_f;
    std::unique_ptr<RoomListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_RoomListModel::init()
{
    m_f = std::make_unique<ModelFixture>();
    m_model = std::make_unique<RoomListModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setStores(&m_f->rooms, &m_f->members);
}

void tst_RoomListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_f.reset();
}

void tst_RoomListModel::roleNames()
{
    const QList<QByteArray> expected {"roomId", "name", "kind", "topic", "unread", "mentions",
        "lastActivity", "preview", "previewSender", "peerUserId", "peerPresence", "memberCount",
        "role"};
    const auto names = m_model->roleNames();
    for (int i = 0; i < expected.size(); ++i)
        QCOMPARE(names.value(Qt::UserRole + 1 + i), expected[i]);
}

void tst_RoomListModel::sortedByActivityAndMovedOnNews()
{
    m_f->push(RoomAddedPush {ModelFixture::room(u"1"_s, RoomKind::Public, u"Old"_s, 0, 1000)});
    m_f->push(RoomAddedPush {ModelFixture::room(u"2"_s, RoomKind::Group, u"New"_s, 0, 2000)});
    m_f->push(RoomAddedPush {ModelFixture::room(u"3"_s, RoomKind::Group, u"Mid"_s, 0, 1500)});
    QCOMPARE(
        clienttest::column(m_model.get(), "name"), (QStringList {u"New"_s, u"Mid"_s, u"Old"_s}));
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_f->push(EventPush {ModelFixture::message(u"1"_s, 1, u"2"_s, u"news"_s, 5000)});
    QCOMPARE(
        clienttest::column(m_model.get(), "name"), (QStringList {u"Old"_s, u"New"_s, u"Mid"_s}));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(reset.size(), 0);
    m_f->push(EventPush {ModelFixture::message(u"3"_s, 1, u"2"_s, u"x"_s, 4000)});
    QCOMPARE(
        clienttest::column(m_model.get(), "name"), (QStringList {u"Old"_s, u"Mid"_s, u"New"_s}));
    QCOMPARE(m_model->index(0, 0).data(RoomListModel::LastActivityRole).toLongLong(), 5000);
    QCOMPARE(m_model->rowOf(u"2"_s), 2);
}

void tst_RoomListModel::badgesAndPreview()
{
    m_f->push(RoomAddedPush {ModelFixture::room(u"1"_s, RoomKind::Public, u"Lobby"_s)});
    MemberInfo bob {u"2"_s, u"bob"_s, u"Bob"_s, Role::Member, 0, PresenceStatus::Online, {}};
    m_f->members.setMembers(u"1"_s, {bob});
    m_f->push(EventPush {ModelFixture::message(u"1"_s, 1, u"2"_s, u"hello there"_s)});
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_f->push(BadgePush {u"1"_s, 3, 1});
    QCOMPARE(changed.size(), 1);
    const QModelIndex row = m_model->index(0, 0);
    QCOMPARE(row.data(RoomListModel::UnreadRole).toInt(), 3);
    QCOMPARE(row.data(RoomListModel::MentionsRole).toInt(), 1);
    QCOMPARE(row.data(RoomListModel::PreviewRole).toString(), u"hello there"_s);
    QCOMPARE(row.data(RoomListModel::PreviewSenderRole).toString(), u"Bob"_s);
    QCOMPARE(row.data(RoomListModel::KindRole).toString(), u"public"_s);
    QCOMPARE(UnreadTotals::unread(m_f->rooms.rooms()), 3);
}

void tst_RoomListModel::directRoomsShowThePeer()
{
    m_f->push(RoomAddedPush {ModelFixture::room(u"4"_s, RoomKind::Direct, QString())});
    MemberInfo ada {u"1"_s, u"ada"_s, u"Ada"_s, Role::Member, 0, PresenceStatus::Online, {}};
    MemberInfo bob {u"2"_s, u"bob"_s, u"Bob B."_s, Role::Member, 0, PresenceStatus::Away, {}};
    m_f->members.setMembers(u"4"_s, {ada, bob});
    const QModelIndex row = m_model->index(0, 0);
    QCOMPARE(row.data(RoomListModel::NameRole).toString(), u"Bob B."_s);
    QCOMPARE(row.data(RoomListModel::PeerUserIdRole).toString(), u"2"_s);
    QCOMPARE(row.data(RoomListModel::PeerPresenceRole).toString(), u"away"_s);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_f->push(PresencePush {u"2"_s, PresenceStatus::Offline, 1234});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(row.data(RoomListModel::PeerPresenceRole).toString(), u"offline"_s);
}

void tst_RoomListModel::removedRoomsLeave()
{
    m_f->push(RoomAddedPush {ModelFixture::room(u"1"_s, RoomKind::Public, u"A"_s)});
    m_f->push(RoomAddedPush {ModelFixture::room(u"2"_s, RoomKind::Public, u"B"_s)});
    m_f->push(RoomRemovedPush {u"1"_s});
    QCOMPARE(clienttest::column(m_model.get(), "roomId"), QStringList {u"2"_s});
    QVERIFY(m_f->cache.rooms().size() == 1);
}

void tst_RoomListModel::cachedRoomsLoadAtStart()
{
    m_f->push(RoomAddedPush {ModelFixture::room(u"1"_s, RoomKind::Public, u"Kept"_s)});
    RoomStore reloaded(m_f->cache);
    reloaded.load();
    RoomListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStores(&reloaded, &m_f->members);
    QCOMPARE(clienttest::column(&model, "name"), QStringList {u"Kept"_s});
    model.setStores(nullptr, nullptr);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_RoomListModel)
#include "tst_roomlistmodel.moc"
