// Attachments from the client's side against the real server: uploads with progress, cancel
// mid-way, the limit checked before sending and the server's 413 in words, a finished upload
// arriving as a message with the file (the timeline's attachments role, the peer's push),
// downloads to a path with progress, thumbnails through the QML image provider, and the
// outbox keeping attachments in the cache.
#include "client/accountsession.h"
#include "client/cache/localcache.h"
#include "client/cache/outboxstore.h"
#include "client/files/accountfiles.h"
#include "client/files/thumbnailcache.h"
#include "client/outbox/outbox.h"
#include "qml/helpers/thumbnailprovider.h"
#include "tests/support/httpexchange.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QQuickTextureFactory>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::Account;
using palaver::client::AccountFiles;
using palaver::client::FileDownload;
using palaver::client::ThumbnailCache;
using palaver::client::TimelineModel;
using palaver::client::UploadListModel;

namespace {
constexpr qint64 kMiB = 1024 * 1024;

QByteArray randomBytes(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32*>(bytes.data()), size / 4);
    return bytes;
}

QByteArray pngBytes(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(0x3b, 0x82, 0xf6));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

/// The states one upload went through, in order.
QStringList statesOf(const QSignalSpy& spy, int id)
{
    QStringList states;
    for (const QList<QVariant>& args : spy) {
        if (args.at(0).toInt() == id)
            states.append(args.at(1).toString());
    }
    return states;
}
} // namespace

class tst_ClientFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void refusedOverTheLimitBeforeSending();
    void uploadBecomesAMessage();
    void cancelMidUpload();
    void serverRefusesTooLarge();
    void downloadToAPath();
    void cancelMidDownload();
    void thumbnailProviderGivesAnImage();
    void thumbnailsWaitOutTheConnectionLimit();
    void outboxKeepsAttachments();

private:
    /// Uploads `data` and waits for its message in the timeline; the message's attachment.
    QVariantMap uploadAndAwaitMessage(
        const QString& name, const QString& mime, const QByteArray& data);

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_base;
    std::unique_ptr<Account> m_ada;
    std::unique_ptr<TestClient> m_bob;
    QString m_room;
    int m_count = 0;
};

void tst_ClientFiles::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s});
    QVERIFY(m_server->start());
}

void tst_ClientFiles::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_ClientFiles::init()
{
    m_base = std::make_unique<QTemporaryDir>();
    m_bob = TestClient::registered(m_server->url(), u"fbob"_s);
    QVERIFY(m_bob);
    m_ada = clienttest::makeAccount(m_base->path());
    m_ada->signIn(
        m_server->url().toString(), u"files_ada_%1"_s.arg(++m_count), u"password123"_s, true);
    QTRY_COMPARE(m_ada->connectionState(), Account::Online);
    QSignalSpy ready(m_ada.get(), &Account::roomReady);
    m_ada->createRoom(u"group"_s, u"Files"_s, u"topic"_s, {m_bob->userId});
    QTRY_COMPARE(ready.size(), 1);
    m_room = ready.first().first().toString();
    QVERIFY(m_bob->awaitPush(u"room_added"_s).size() > 0);
}

void tst_ClientFiles::cleanup()
{
    m_ada.reset();
    m_bob.reset();
    m_base.reset();
}

QVariantMap tst_ClientFiles::uploadAndAwaitMessage(
    const QString& name, const QString& mime, const QByteArray& data)
{
    TimelineModel* timeline = m_ada->timeline(m_room);
    const int id = m_ada->files()->uploadData(m_room, name, mime, data);
    if (id <= 0)
        return {};
    QVariantMap found;
    const auto delivered = [&] {
        for (int row = timeline->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = timeline->index(row, 0);
            const QVariantList files = index.data(TimelineModel::AttachmentsRole).toList();
            if (index.data(TimelineModel::SeqRole).toLongLong() > 0 && !files.isEmpty() &&
                files.first().toMap().value(u"name"_s).toString() == name) {
                found = files.first().toMap();
                return true;
            }
        }
        return false;
    };
    // qWaitFor, not QTRY: this helper returns a value (callers check it is not empty).
    return QTest::qWaitFor(delivered, 20000) ? found : QVariantMap();
}

void tst_ClientFiles::refusedOverTheLimitBeforeSending()
{
    AccountFiles* files = m_ada->files();
    QCOMPARE(files->maxUploadBytes(), 25 * kMiB);
    UploadListModel* uploads = files->uploads(m_room);
    QAbstractItemModelTester tester(uploads);
    const int id = files->uploadData(
        m_room, u"huge.bin"_s, u"application/octet-stream"_s, QByteArray(25 * kMiB + 1, 'x'));
    QVERIFY(id > 0);
    // Refused at once: no byte went anywhere.
    QCOMPARE(uploads->rowCount(), 1);
    const QModelIndex row = uploads->index(0, 0);
    QCOMPARE(row.data(UploadListModel::StateRole).toString(), u"failed"_s);
    QVERIFY2(
        row.data(UploadListModel::ErrorRole).toString().contains(u"too large (limit 25 MiB)"_s),
        qPrintable(row.data(UploadListModel::ErrorRole).toString()));
    QCOMPARE(row.data(UploadListModel::SentRole).toLongLong(), 0);
    QCOMPARE(row.data(UploadListModel::CanRetryRole).toBool(), false);
    files->dismissUpload(id);
    QCOMPARE(uploads->rowCount(), 0);
}

void tst_ClientFiles::uploadBecomesAMessage()
{
    AccountFiles* files = m_ada->files();
    UploadListModel* uploads = files->uploads(m_room);
    QAbstractItemModelTester tester(uploads);
    QSignalSpy states(uploads, &UploadListModel::stateChanged);
    QList<qint64> progress;
    connect(uploads, &UploadListModel::dataChanged, this,
        [&](const QModelIndex& top, const QModelIndex&, const QList<int>& roles) {
            if (roles.contains(UploadListModel::SentRole))
                progress.append(top.data(UploadListModel::SentRole).toLongLong());
        });
    // The message goes through the outbox: stored with its file before it is sent.
    QSignalSpy queued(&m_ada->session()->outbox(), &palaver::client::Outbox::entryAdded);
    const QByteArray data = randomBytes(3 * kMiB);
    const int id = files->uploadData(m_room, u"notes.bin"_s, u"application/octet-stream"_s, data);
    QCOMPARE(uploads->rowCount(), 1);
    QCOMPARE(uploads->index(0, 0).data(UploadListModel::NameRole).toString(), u"notes.bin"_s);
    QCOMPARE(uploads->index(0, 0).data(UploadListModel::SizeRole).toLongLong(), 3 * kMiB);
    QTRY_VERIFY_WITH_TIMEOUT(statesOf(states, id).contains(u"done"_s), 20000);
    QCOMPARE(statesOf(states, id), (QStringList {u"queued"_s, u"uploading"_s, u"done"_s}));
    QVERIFY(!progress.isEmpty());
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
    QCOMPARE(progress.last(), 3 * kMiB);
    QTRY_COMPARE(queued.size(), 1);
    const auto entry = queued.first().first().value<palaver::client::OutboxEntry>();
    QCOMPARE(entry.text, QString());
    QCOMPARE(entry.attachments.size(), 1);
    QCOMPARE(entry.attachments.first().name, u"notes.bin"_s);
    QCOMPARE(entry.attachments.first().size, 3 * kMiB);
    // The finished row goes by itself.
    QTRY_COMPARE_WITH_TIMEOUT(uploads->rowCount(), 0, 5000);

    // ...and the file is in a message: in our timeline and pushed to Bob with every field.
    TimelineModel* timeline = m_ada->timeline(m_room);
    QTRY_VERIFY_WITH_TIMEOUT(timeline->rowCount() > 0 &&
            timeline->index(timeline->rowCount() - 1, 0).data(TimelineModel::SeqRole).toLongLong() >
                0 &&
            !timeline->index(timeline->rowCount() - 1, 0)
                 .data(TimelineModel::AttachmentsRole)
                 .toList()
                 .isEmpty(),
        20000);
    const QModelIndex last = timeline->index(timeline->rowCount() - 1, 0);
    const QVariantMap file = last.data(TimelineModel::AttachmentsRole).toList().first().toMap();
    QCOMPARE(file.value(u"name"_s).toString(), u"notes.bin"_s);
    QCOMPARE(file.value(u"mime"_s).toString(), u"application/octet-stream"_s);
    QCOMPARE(file.value(u"size"_s).toLongLong(), 3 * kMiB);
    QCOMPARE(file.value(u"isImage"_s).toBool(), false);
    QVERIFY(!file.value(u"fileId"_s).toString().isEmpty());
    QCOMPARE(last.data(TimelineModel::TextRole).toString(), QString());
    const QJsonObject push = m_bob->awaitPush(u"event"_s, [](const QJsonObject& frame) {
        return frame.value(u"event"_s).toObject().contains(u"attachments"_s);
    });
    const QJsonObject pushed =
        push.value(u"event"_s).toObject().value(u"attachments"_s).toArray().first().toObject();
    QCOMPARE(pushed.value(u"file_id"_s).toString(), file.value(u"fileId"_s).toString());
    QCOMPARE(pushed.value(u"size"_s).toInteger(), 3 * kMiB);
    // A message of only a file reads as its name in the room list.
    const QModelIndex room = m_ada->rooms()->index(m_ada->rooms()->rowOf(m_room), 0);
    QTRY_COMPARE(
        room.data(palaver::client::RoomListModel::PreviewRole).toString(), u"📎 notes.bin"_s);
}

void tst_ClientFiles::cancelMidUpload()
{
    AccountFiles* files = m_ada->files();
    UploadListModel* uploads = files->uploads(m_room);
    QSignalSpy states(uploads, &UploadListModel::stateChanged);
    int id = 0;
    bool cancelled = false;
    connect(uploads, &UploadListModel::dataChanged, this,
        [&](const QModelIndex& top, const QModelIndex&, const QList<int>& roles) {
            const qint64 sent = top.data(UploadListModel::SentRole).toLongLong();
            if (!cancelled && roles.contains(UploadListModel::SentRole) && sent > 0 &&
                sent < top.data(UploadListModel::SizeRole).toLongLong()) {
                cancelled = true;
                files->cancelUpload(id);
            }
        });
    id = files->uploadData(
        m_room, u"big.bin"_s, u"application/octet-stream"_s, randomBytes(16 * kMiB));
    QTRY_VERIFY_WITH_TIMEOUT(cancelled, 20000);
    QCOMPARE(statesOf(states, id).last(), u"cancelled"_s);
    QCOMPARE(uploads->index(0, 0).data(UploadListModel::StateRole).toString(), u"cancelled"_s);
    // Nothing becomes a message.
    QVERIFY(m_bob->noPush(u"event"_s, 500));
    QVERIFY(!statesOf(states, id).contains(u"done"_s));

    // A cancelled upload can go again, from the start, and then becomes its message.
    files->retryUpload(id);
    QTRY_VERIFY_WITH_TIMEOUT(statesOf(states, id).contains(u"done"_s), 20000);
    const QStringList seen = statesOf(states, id);
    QCOMPARE(seen.mid(seen.indexOf(u"cancelled"_s)),
        (QStringList {u"cancelled"_s, u"queued"_s, u"uploading"_s, u"done"_s}));
    const QJsonObject push = m_bob->awaitPush(u"event"_s, [](const QJsonObject& frame) {
        return frame.value(u"event"_s).toObject().contains(u"attachments"_s);
    });
    QCOMPARE(push.value(u"event"_s)
                 .toObject()
                 .value(u"attachments"_s)
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"name"_s)
                 .toString(),
        u"big.bin"_s);
    QTRY_COMPARE_WITH_TIMEOUT(uploads->rowCount(), 0, 5000);
}

void tst_ClientFiles::serverRefusesTooLarge()
{
    // The client believes in a larger limit than the server's: the server's 413 is the word.
    AccountFiles* files = m_ada->files();
    files->endpoint().setMaxUploadBytes(64 * kMiB);
    UploadListModel* uploads = files->uploads(m_room);
    QSignalSpy states(uploads, &UploadListModel::stateChanged);
    const int id = files->uploadData(
        m_room, u"over.bin"_s, u"application/octet-stream"_s, QByteArray(25 * kMiB + 1, 'y'));
    QTRY_VERIFY_WITH_TIMEOUT(statesOf(states, id).contains(u"failed"_s), 30000);
    const QModelIndex row = uploads->index(uploads->rowOf(id), 0);
    const QString error = row.data(UploadListModel::ErrorRole).toString();
    // The server answers 413 from the headers, before the body, and drops the rest of the
    // body before it closes: Qt's HTTP client reads the answer once it has sent everything.
    // The server's limit, from its answer; and from now on files over it are not even sent.
    QVERIFY2(error.contains(u"too large (limit 25 MiB)"_s), qPrintable(error));
    QCOMPARE(row.data(UploadListModel::CanRetryRole).toBool(), false);
    QCOMPARE(files->maxUploadBytes(), 25 * kMiB);
}

void tst_ClientFiles::downloadToAPath()
{
    const QByteArray data = randomBytes(2 * kMiB + 123);
    const QVariantMap file = uploadAndAwaitMessage(u"report.pdf"_s, u"application/pdf"_s, data);
    QVERIFY(!file.isEmpty());
    FileDownload* download = m_ada->files()->download(file.value(u"fileId"_s).toString(),
        file.value(u"name"_s).toString(), file.value(u"size"_s).toLongLong());
    QVERIFY(download);
    QCOMPARE(download->state(), u"idle"_s);
    QSignalSpy progress(download, &FileDownload::progressChanged);
    QTemporaryDir target;
    const QString path = target.filePath(u"saved.pdf"_s);
    download->start(QUrl::fromLocalFile(path));
    QCOMPARE(download->state(), u"downloading"_s);
    QTRY_COMPARE_WITH_TIMEOUT(download->state(), u"done"_s, 20000);
    QVERIFY(progress.size() >= 2);
    QCOMPARE(download->received(), data.size());
    QCOMPARE(download->progress(), 1.0);
    QCOMPARE(download->localUrl(), QUrl::fromLocalFile(path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll() == data);
    // The same object for the same file; Save as… copies the finished file.
    QCOMPARE(
        m_ada->files()->download(file.value(u"fileId"_s).toString(), u"report.pdf"_s, data.size()),
        download);
    const QString copy = target.filePath(u"copy.pdf"_s);
    QVERIFY(download->saveAs(QUrl::fromLocalFile(copy)));
    QCOMPARE(QFileInfo(copy).size(), data.size());

    // A file nobody may see: 404 in words, nothing written.
    FileDownload* missing = m_ada->files()->download(u"no-such-file"_s, u"x.bin"_s, 10);
    const QString nowhere = target.filePath(u"nowhere.bin"_s);
    missing->start(QUrl::fromLocalFile(nowhere));
    QTRY_COMPARE_WITH_TIMEOUT(missing->state(), u"failed"_s, 10000);
    QVERIFY(!missing->error().isEmpty());
    QVERIFY(!QFileInfo::exists(nowhere));
}

void tst_ClientFiles::cancelMidDownload()
{
    const QByteArray data = randomBytes(16 * kMiB);
    const QVariantMap file = uploadAndAwaitMessage(u"video.bin"_s, u"video/mp4"_s, data);
    QVERIFY(!file.isEmpty());
    FileDownload* download =
        m_ada->files()->download(file.value(u"fileId"_s).toString(), u"video.bin"_s, data.size());
    bool cancelled = false;
    connect(download, &FileDownload::progressChanged, this, [&] {
        if (!cancelled && download->received() > 0 && download->received() < data.size()) {
            cancelled = true;
            download->cancel();
        }
    });
    QTemporaryDir target;
    const QString path = target.filePath(u"video.bin"_s);
    download->start(QUrl::fromLocalFile(path));
    QTRY_VERIFY_WITH_TIMEOUT(download->state() != u"downloading"_s, 20000);
    QVERIFY2(cancelled, qPrintable(download->state() + u' ' + download->error()));
    QCOMPARE(download->state(), u"cancelled"_s);
    QCOMPARE(download->localUrl(), QUrl());
    // Nothing half-written is left at the target.
    QVERIFY(!QFileInfo::exists(path));
    // And it can start again.
    download->start(QUrl::fromLocalFile(path));
    QTRY_COMPARE_WITH_TIMEOUT(download->state(), u"done"_s, 20000);
    QCOMPARE(QFileInfo(path).size(), data.size());
}

void tst_ClientFiles::thumbnailProviderGivesAnImage()
{
    const QVariantMap file =
        uploadAndAwaitMessage(u"photo.png"_s, u"image/png"_s, pngBytes(800, 600));
    QVERIFY(!file.isEmpty());
    QCOMPARE(file.value(u"isImage"_s).toBool(), true);
    const QString fileId = file.value(u"fileId"_s).toString();
    palaver::qml::ThumbnailProvider provider(&m_ada->files()->thumbnails());
    for (int round = 0; round < 2; ++round) { // the second from the disk cache
        std::unique_ptr<QQuickImageResponse> response(provider.requestImageResponse(fileId, {}));
        QSignalSpy finished(response.get(), &QQuickImageResponse::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY2(response->errorString().isEmpty(), qPrintable(response->errorString()));
        std::unique_ptr<QQuickTextureFactory> texture(response->textureFactory());
        const QImage image = texture->image();
        QVERIFY(!image.isNull());
        QVERIFY(std::max(image.width(), image.height()) <= 320);
        QVERIFY(image.width() > image.height()); // the photo's shape
        QVERIFY(QFileInfo::exists(m_ada->files()->thumbnails().pathFor(fileId)));
    }
    // No access, no image: an error string, not a hang.
    std::unique_ptr<QQuickImageResponse> denied(provider.requestImageResponse(u"nope"_s, {}));
    QSignalSpy finished(denied.get(), &QQuickImageResponse::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY(!denied->errorString().isEmpty());
}

void tst_ClientFiles::thumbnailsWaitOutTheConnectionLimit()
{
    // Each file request is a connection of its own, and the server limits new connections per
    // address (20/s, burst 40): a room of many images meets it. Those thumbnails come later.
    const QVariantMap file =
        uploadAndAwaitMessage(u"many.png"_s, u"image/png"_s, pngBytes(400, 300));
    QVERIFY(!file.isEmpty());
    int status = 0;
    for (int i = 0; i < 100 && status != 429; ++i)
        status = http::call(m_server->url(), "GET", "/healthz").status;
    QCOMPARE(status, 429); // the bucket is empty now
    ThumbnailCache& thumbnails = m_ada->files()->thumbnails();
    QSignalSpy ready(&thumbnails, &ThumbnailCache::ready);
    QSignalSpy failed(&thumbnails, &ThumbnailCache::failed);
    thumbnails.request(file.value(u"fileId"_s).toString());
    QTRY_COMPARE_WITH_TIMEOUT(ready.size() + failed.size(), 1, 20000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
}

void tst_ClientFiles::outboxKeepsAttachments()
{
    // A message with a file that is not acknowledged yet survives a restart with its file.
    QTemporaryDir folder;
    palaver::FileInfo info {u"f1"_s, u"a.png"_s, u"image/png"_s, 42, QString(64, u'a')};
    {
        palaver::client::LocalCache cache(folder.path());
        palaver::client::OutboxStore store(cache.database());
        palaver::client::OutboxEntry entry;
        entry.clientMid = u"mid-1"_s;
        entry.room = u"r1"_s;
        entry.attachments = {info};
        entry.created = 1;
        QVERIFY(store.add(entry).position > 0);
    }
    palaver::client::LocalCache cache(folder.path());
    palaver::client::OutboxStore store(cache.database());
    const QList<palaver::client::OutboxEntry> entries = store.entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().attachments, QList<palaver::FileInfo> {info});
    QCOMPARE(entries.first().text, QString());
}

QTEST_MAIN(tst_ClientFiles)
#include "tst_clientfiles.moc"
