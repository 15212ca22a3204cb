// TimelineModel fed with real server frames: order and dedupe by seq, edits, deletes and
// reactions on their targets, pending rows from the outbox turning into events in place,
// delivery state from receipts, runs and day separators, paging from the cache, and the
// first unread row. QAbstractItemModelTester checks every signal on the way.
#include "client/models/timelinemodel.h"
#include "tests/unit/client/clienttestsupport.h"
#include "tests/unit/client/modelfixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace palaver;
using namespace palaver::client;
using clienttest::ModelFixture;

class tst_TimelineModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void roleNames();
    void eventsInSeqOrderOnce();
    void annotationsApplyToTargets();
    void pendingRowBecomesTheEvent();
    void deliveryStateFollowsReceipts();
    void runsAndDaySeparators();
    void fetchMoreReadsTheCacheFirst();
    void firstUnreadRow();
    void markSeenFeedsTheReadMarkerPolicy();
    void attachmentsRole();

private:
    TimelineModel* makeModel();
    void pushEvent(const Event& event) { m_f->push(EventPush {event}); }

    std::unique_ptr<ModelFixture> m_f;
    std::unique_ptr<TimelineModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    const QString m_room = u"9"_s;
};

void tst_TimelineModel::init()
{
    m_f = std::make_unique<ModelFixture>();
    m_f->push(RoomAddedPush {ModelFixture::room(m_room, RoomKind::Group, u"Team"_s)});
    MemberInfo ada {u"1"_s, u"ada"_s, u"Ada"_s, Role::Owner, 0, PresenceStatus::Online, {}};
    MemberInfo bob {u"2"_s, u"bob"_s, u"Bob"_s, Role::Member, 0, PresenceStatus::Online, {}};
    m_f->members.setMembers(m_room, {ada, bob});
}

void tst_TimelineModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_f.reset();
}

TimelineModel* tst_TimelineModel::makeModel()
{
    m_model = std::make_unique<TimelineModel>(
        m_room, m_f->rooms, m_f->members, m_f->outbox, m_f->history, m_f->readMarkers);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    return m_model.get();
}

void tst_TimelineModel::roleNames()
{
    const QStringList expected {u"seq"_s, u"clientMid"_s, u"senderId"_s, u"senderName"_s, u"text"_s,
        u"ts"_s, u"kind"_s, u"edited"_s, u"deleted"_s, u"replyTo"_s, u"replyPreview"_s,
        u"reactions"_s, u"deliveryState"_s, u"seenBy"_s, u"isOwn"_s, u"mentionsMe"_s,
        u"firstInRun"_s, u"daySeparator"_s, u"dayLabel"_s, u"attachments"_s};
    const auto names = makeModel()->roleNames();
    QCOMPARE(names.value(Qt::UserRole + 1), "seq");
    for (const QString& name : expected)
        QVERIFY2(names.key(name.toUtf8(), -1) > Qt::UserRole, qPrintable(name));
    QCOMPARE(m_model->property("roomId").toString(), m_room);
}

void tst_TimelineModel::eventsInSeqOrderOnce()
{
    auto* model = makeModel();
    pushEvent(ModelFixture::message(m_room, 2, u"2"_s, u"two"_s));
    pushEvent(ModelFixture::message(m_room, 1, u"2"_s, u"one"_s)); // a gap fill arriving late
    pushEvent(ModelFixture::message(m_room, 2, u"2"_s, u"two"_s)); // the push again
    SyncedAnswer synced; // a sync answer overlapping the pushes
    synced.rooms = {ModelFixture::room(m_room, RoomKind::Group, u"Team"_s, 3)};
    synced.events = {ModelFixture::message(m_room, 2, u"2"_s, u"two"_s),
        ModelFixture::message(m_room, 3, u"1"_s, u"three"_s)};
    synced.hasMore = {{m_room, false}};
    m_f->sync.applyPush(
        std::get<ServerFrame>(decodeServerFrame(encodeAnswer(synced, QJsonValue(1))))
            .message); // ignored as a push
    m_f->rooms.addEvents(synced.events, EventOrigin::Sync);
    QCOMPARE(clienttest::rowSeqs(model), (QList<qint64> {1, 2, 3}));
    QCOMPARE(clienttest::messageTexts(model), (QStringList {u"one"_s, u"two"_s, u"three"_s}));
    QCOMPARE(model->index(2, 0).data(TimelineModel::IsOwnRole).toBool(), true);
    QCOMPARE(model->index(0, 0).data(TimelineModel::SenderNameRole).toString(), u"Bob"_s);
}

void tst_TimelineModel::annotationsApplyToTargets()
{
    auto* model = makeModel();
    Event mine = ModelFixture::message(m_room, 1, u"1"_s, u"helo"_s);
    pushEvent(mine);
    Event reply = ModelFixture::message(m_room, 2, u"2"_s, u"hi @ada"_s);
    reply.replyTo = 1;
    reply.mentions = {u"1"_s};
    pushEvent(reply);
    Event edit = ModelFixture::annotation(m_room, 3, u"1"_s, EventKind::Edit, 1);
    edit.text = u"hello"_s;
    pushEvent(edit);
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    for (const auto& [seq, sender, on] :
        {std::tuple {4, u"2"_s, true}, std::tuple {5, u"1"_s, true}, std::tuple {6, u"2"_s, false},
            std::tuple {7, u"2"_s, true}}) {
        Event reaction = ModelFixture::annotation(m_room, seq, sender, EventKind::Reaction, 1);
        reaction.emoji = u"👍"_s;
        reaction.on = on;
        pushEvent(reaction);
    }
    QVERIFY(!changed.isEmpty());
    QCOMPARE(model->rowCount(), 2); // edits and reactions are not rows
    const QModelIndex first = model->index(0, 0);
    QCOMPARE(first.data(TimelineModel::TextRole).toString(), u"hello"_s);
    QVERIFY(first.data(TimelineModel::EditedRole).toBool());
    const QVariantList reactions = first.data(TimelineModel::ReactionsRole).toList();
    QCOMPARE(reactions.size(), 1);
    QCOMPARE(reactions.first().toMap().value(u"count"_s).toInt(), 2);
    QCOMPARE(reactions.first().toMap().value(u"mine"_s).toBool(), true);
    const QModelIndex second = model->index(1, 0);
    QCOMPARE(second.data(TimelineModel::ReplyToRole).toLongLong(), 1);
    QCOMPARE(second.data(TimelineModel::ReplyPreviewRole).toString(), u"Ada: hello"_s);
    QVERIFY(second.data(TimelineModel::MentionsMeRole).toBool());

    pushEvent(ModelFixture::annotation(m_room, 8, u"1"_s, EventKind::Delete, 1));
    QCOMPARE(model->rowCount(), 2); // a deleted message keeps its row
    QVERIFY(first.data(TimelineModel::DeletedRole).toBool());
    QCOMPARE(first.data(TimelineModel::TextRole).toString(), QString());
    QCOMPARE(m_f->cache.event(m_room, 1)->text, QString()); // blanked on disk too
}

void tst_TimelineModel::pendingRowBecomesTheEvent()
{
    auto* model = makeModel();
    pushEvent(ModelFixture::message(m_room, 1, u"2"_s, u"before"_s));
    const OutboxEntry first = m_f->outbox.enqueue(m_room, u"  first  "_s, 0, {});
    const OutboxEntry second = m_f->outbox.enqueue(m_room, u"second"_s, 1, {});
    QCOMPARE(clienttest::rowSeqs(model), (QList<qint64> {1, 0, 0}));
    QCOMPARE(clienttest::column(model, "deliveryState"),
        (QStringList {u"sent"_s, u"pending"_s, u"pending"_s}));
    QCOMPARE(model->index(1, 0).data(TimelineModel::TextRole).toString(), u"first"_s);
    QCOMPARE(model->index(2, 0).data(TimelineModel::ReplyPreviewRole).toString(), u"Bob: before"_s);

    // The server's copy arrives (sync after a restart): the pending row becomes it, in place.
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    Event delivered = ModelFixture::message(m_room, 2, u"1"_s, u"first"_s);
    delivered.clientMid = first.clientMid;
    pushEvent(delivered);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(clienttest::rowSeqs(model), (QList<qint64> {1, 2, 0}));
    QCOMPARE(m_f->outbox.entries().size(), 1); // delivered, so it left the outbox
    pushEvent(delivered);
    QCOMPARE(model->rowCount(), 3);

    m_f->outbox.discard(second.clientMid);
    QCOMPARE(clienttest::rowSeqs(model), (QList<qint64> {1, 2}));
}

void tst_TimelineModel::attachmentsRole()
{
    auto* model = makeModel();
    const FileInfo photo {u"f1"_s, u"cat.jpg"_s, u"image/jpeg"_s, 2048, QString(64, u'a')};
    const FileInfo doc {u"f2"_s, u"plan.svg"_s, u"image/svg+xml"_s, 99, QString(64, u'b')};
    Event event = ModelFixture::message(m_room, 1, u"2"_s, QString());
    event.attachments = {photo, doc};
    pushEvent(event);
    const QVariantList files = model->index(0, 0).data(TimelineModel::AttachmentsRole).toList();
    QCOMPARE(files.size(), 2);
    const QVariantMap first = files.at(0).toMap();
    QCOMPARE(first.value(u"fileId"_s).toString(), u"f1"_s);
    QCOMPARE(first.value(u"name"_s).toString(), u"cat.jpg"_s);
    QCOMPARE(first.value(u"mime"_s).toString(), u"image/jpeg"_s);
    QCOMPARE(first.value(u"size"_s).toLongLong(), 2048);
    QCOMPARE(first.value(u"isImage"_s).toBool(), true);
    // An SVG is a document, not an inline picture.
    QCOMPARE(files.at(1).toMap().value(u"isImage"_s).toBool(), false);
    QCOMPARE(model->index(0, 0).data(TimelineModel::TextRole).toString(), QString());

    // A pending message with a file shows the file at once.
    m_f->outbox.enqueue(m_room, QString(), 0, {}, {doc});
    const QVariantList pending = model->index(1, 0).data(TimelineModel::AttachmentsRole).toList();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().toMap().value(u"name"_s).toString(), u"plan.svg"_s);

    // Deleted: the files go with the text.
    pushEvent(ModelFixture::annotation(m_room, 2, u"2"_s, EventKind::Delete, 1));
    QVERIFY(model->index(0, 0).data(TimelineModel::AttachmentsRole).toList().isEmpty());
}

void tst_TimelineModel::deliveryStateFollowsReceipts()
{
    auto* model = makeModel();
    pushEvent(ModelFixture::message(m_room, 1, u"1"_s, u"mine"_s));
    pushEvent(ModelFixture::message(m_room, 2, u"1"_s, u"mine too"_s));
    QCOMPARE(clienttest::column(model, "deliveryState"), (QStringList {u"sent"_s, u"sent"_s}));
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    m_f->push(ReceiptPush {m_room, u"2"_s, 1});
    QVERIFY(!changed.isEmpty());
    QCOMPARE(clienttest::column(model, "deliveryState"), (QStringList {u"read"_s, u"sent"_s}));
    QCOMPARE(clienttest::column(model, "seenBy"), (QStringList {u"1"_s, u"0"_s}));
    m_f->push(ReceiptPush {m_room, u"2"_s, 0}); // late and lower: ignored
    QCOMPARE(clienttest::column(model, "deliveryState").first(), u"read"_s);
}

void tst_TimelineModel::runsAndDaySeparators()
{
    auto* model = makeModel();
    const qint64 day = 24 * 3600 * 1000;
    const qint64 base =
        QDateTime(QDate::currentDate().addDays(-1), QTime(12, 0)).toMSecsSinceEpoch();
    pushEvent(ModelFixture::message(m_room, 1, u"2"_s, u"a"_s, base));
    pushEvent(ModelFixture::message(m_room, 2, u"2"_s, u"b"_s, base + 1000));
    pushEvent(ModelFixture::message(m_room, 3, u"1"_s, u"c"_s, base + 2000));
    pushEvent(ModelFixture::message(m_room, 4, u"1"_s, u"d"_s, base + day));
    QCOMPARE(clienttest::column(model, "firstInRun"),
        (QStringList {u"true"_s, u"false"_s, u"true"_s, u"true"_s}));
    QCOMPARE(clienttest::column(model, "daySeparator"),
        (QStringList {u"true"_s, u"false"_s, u"false"_s, u"true"_s}));
    QCOMPARE(model->index(0, 0).data(TimelineModel::DayLabelRole).toString(), u"Yesterday"_s);
    QCOMPARE(model->index(3, 0).data(TimelineModel::DayLabelRole).toString(), u"Today"_s);
    // A join between two messages of one sender starts a new run.
    Event join = ModelFixture::annotation(m_room, 5, u"2"_s, EventKind::MemberJoin, 0);
    join.user = u"2"_s;
    join.ts = base + day + 1000;
    pushEvent(join);
    pushEvent(ModelFixture::message(m_room, 6, u"1"_s, u"e"_s, base + day + 2000));
    QCOMPARE(clienttest::column(model, "firstInRun").mid(4), (QStringList {u"true"_s, u"true"_s}));
    QCOMPARE(model->index(4, 0).data(TimelineModel::KindRole).toString(), u"member_join"_s);
}

void tst_TimelineModel::fetchMoreReadsTheCacheFirst()
{
    QList<Event> events;
    for (qint64 seq = 1; seq <= 120; ++seq)
        events.append(ModelFixture::message(m_room, seq, u"2"_s, u"m%1"_s.arg(seq)));
    m_f->rooms.addEvents(events, EventOrigin::Sync);
    // No QAbstractItemModelTester here: it calls fetchMore itself.
    auto modelOwner = std::make_unique<TimelineModel>(
        m_room, m_f->rooms, m_f->members, m_f->outbox, m_f->history, m_f->readMarkers);
    auto* model = modelOwner.get();
    QCOMPARE(model->rowCount(), TimelineModel::kPageSize);
    QCOMPARE(clienttest::rowSeqs(model).first(), 71);
    QVERIFY(model->canFetchMore({}));
    model->fetchMore({});
    QCOMPARE(model->rowCount(), 2 * TimelineModel::kPageSize);
    model->fetchMore({});
    QCOMPARE(model->rowCount(), 120);
    QCOMPARE(clienttest::rowSeqs(model).first(), 1);
    QVERIFY(!model->canFetchMore({})); // seq 1 is the start of the room
}

void tst_TimelineModel::firstUnreadRow()
{
    RoomInfo room = ModelFixture::room(m_room, RoomKind::Group, u"Team"_s, 0);
    room.self->lastReadSeq = 2;
    m_f->rooms.upsertRoom(room);
    auto* model = makeModel();
    QCOMPARE(model->firstUnreadRow(), -1);
    QSignalSpy changed(model, &TimelineModel::firstUnreadRowChanged);
    for (qint64 seq = 1; seq <= 2; ++seq)
        pushEvent(ModelFixture::message(m_room, seq, u"2"_s, u"old"_s));
    pushEvent(ModelFixture::message(m_room, 3, u"1"_s, u"own"_s)); // own messages are not unread
    QCOMPARE(model->firstUnreadRow(), -1);
    pushEvent(ModelFixture::message(m_room, 4, u"2"_s, u"new"_s));
    QCOMPARE(model->firstUnreadRow(), 3);
    QCOMPARE(changed.size(), 1);
    m_f->push(ReceiptPush {m_room, u"1"_s, 4});
    QCOMPARE(model->firstUnreadRow(), -1);
}

void tst_TimelineModel::markSeenFeedsTheReadMarkerPolicy()
{
    auto* model = makeModel();
    QSignalSpy reads(&m_f->readMarkers, &ReadMarkerPolicy::sendRead);
    m_f->readMarkers.setWindowActive(true);
    model->markSeen(3);
    QTRY_COMPARE(reads.size(), 1);
    QCOMPARE(reads.first(), (QVariantList {m_room, qint64(3)}));
}

QTEST_GUILESS_MAIN(tst_TimelineModel)
#include "tst_timelinemodel.moc"
