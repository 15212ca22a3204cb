// File attachments over HTTP on the server's port: POST /v1/files, GET /v1/files/ID and its
// thumbnail, who may read them, limits and quota, attachments on `send`, and what the disk
// holds (deduplicated, kept across a restart).
#include "tests/integration/tst_admin_cli.h"
#include "tests/support/framechecks.h"
#include "tests/support/httpexchange.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

namespace {
QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(
        reinterpret_cast<quint32*>(bytes.data()), size / qsizetype(sizeof(quint32)));
    return bytes;
}

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb(x % 256, y % 256, 128));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray bearer(const QString& token)
{
    return "Authorization: Bearer " + token.toUtf8() + "\r\n";
}

QJsonObject jsonOf(const http::Reply& reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

double sample(const QByteArray& metrics, const QByteArray& name)
{
    for (const QByteArray& line : metrics.split('\n'))
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toDouble();
    return -1;
}
} // namespace

class tst_Files : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void uploadAndDownload();
    void mimeIsSniffed();
    void activeContentIsNeverInline();
    void fileNames_data();
    void fileNames();
    void overTheLimit();
    void lengthRequired();
    void quota();
    void thumbnail();
    void thumbnailOfNonImage();
    void attachmentsInEvents();
    void accessControl();
    void deleteEndsAccess();
    void tokens();
    void disabledAccount();
    void foreignFileNotAttached();
    void dedupe();
    void survivesRestart();
    void largeFileAtTheDefaultLimit();

private:
    std::unique_ptr<TestClient> user(const QString& prefix)
    {
        return TestClient::registered(m_server->url(), prefix);
    }
    http::Reply upload(const QString& token, const QByteArray& bytes,
        const QByteArray& name = "data.bin", const QByteArray& type = "application/octet-stream")
    {
        return http::call(m_server->url(), "POST", "/v1/files",
            bearer(token) + "Content-Type: " + type + "\r\nX-Filename: " + name + "\r\n", bytes);
    }
    // The file_id of a 201, or empty (after printing what came back).
    QString uploaded(const QString& token, const QByteArray& bytes,
        const QByteArray& name = "data.bin", const QByteArray& type = "application/octet-stream")
    {
        const http::Reply reply = upload(token, bytes, name, type);
        if (reply.status != 201) {
            qWarning() << reply.status << reply.head << reply.body;
            return {};
        }
        return jsonOf(reply).value(u"file_id"_s).toString();
    }
    http::Reply download(const QString& token, const QString& fileId, bool thumbnail = false)
    {
        return http::call(m_server->url(), "GET",
            "/v1/files/" + fileId.toUtf8() + (thumbnail ? "/thumbnail" : ""), bearer(token));
    }
    QJsonObject sendFiles(
        TestClient& c, const QString& room, const QStringList& ids, const QString& text = {})
    {
        QJsonArray files;
        for (const QString& id : ids)
            files.append(QJsonObject {{u"file_id"_s, id}});
        static int mid = 0;
        return c.ask(u"send"_s,
            {{u"room"_s, room}, {u"text"_s, text}, {u"attachments"_s, files},
                {u"client_mid"_s, u"files-%1"_s.arg(++mid)}});
    }
    QByteArray metrics() { return http::call(m_server->url(), "GET", "/metrics").body; }
    // Contents on disk (thumbnails and temporary files left out).
    int storedContents() const
    {
        int count = 0;
        QDirIterator it(
            m_server->dataDir() + u"/files"_s, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            if (!it.fileName().contains(u'.'))
                ++count;
        }
        return count;
    }

    std::unique_ptr<ServerProcess> m_server;
};

void tst_Files::initTestCase()
{
    // A small limit and quota, so the tests stay small: 1 MiB a file, 3 MiB a user.
    m_server = std::make_unique<ServerProcess>(QStringList {u"--max-upload-mib"_s, u"1"_s,
        u"--quota-mib"_s, u"3"_s, u"--rate-per-s"_s, u"100"_s, u"--burst"_s, u"200"_s,
        // Every HTTP request is a connection of its own: the tests make many per second.
        u"--handshakes-per-ip-per-s"_s, u"0"_s});
    QVERIFY(m_server->start());
}

void tst_Files::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_Files::uploadAndDownload()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QByteArray bytes = randomBytes(300 * 1024);
    const http::Reply reply = upload(ada->token, bytes, "report%20%C3%A9t%C3%A9.bin");
    QCOMPARE(reply.status, 201);
    const QJsonObject file = jsonOf(reply);
    QVERIFY(!file.value(u"file_id"_s).toString().isEmpty());
    QCOMPARE(file.value(u"name"_s).toString(), u"report été.bin"_s);
    QCOMPARE(file.value(u"mime"_s).toString(), u"application/octet-stream"_s);
    QCOMPARE(file.value(u"size"_s).toInteger(), 300 * 1024);
    QCOMPARE(file.value(u"sha256"_s).toString(), sha256Hex(bytes));

    const http::Reply got = download(ada->token, file.value(u"file_id"_s).toString());
    QCOMPARE(got.status, 200);
    QCOMPARE(got.body.size(), bytes.size());
    QCOMPARE(sha256Hex(got.body), sha256Hex(bytes));
    QVERIFY(got.body == bytes);
    QCOMPARE(got.header("content-length").toLongLong(), bytes.size());
    QCOMPARE(got.header("etag"), "\"" + sha256Hex(bytes).toLatin1() + "\"");
    QCOMPARE(got.header("x-content-type-options"), "nosniff");
    QVERIFY(got.header("cache-control").startsWith("private"));
    QVERIFY2(
        got.header("content-disposition").contains("filename*=UTF-8''report%20%C3%A9t%C3%A9.bin"),
        got.header("content-disposition").constData());
    // HEAD: the same head, no body.
    const http::Reply head = http::call(m_server->url(), "HEAD",
        "/v1/files/" + file.value(u"file_id"_s).toString().toUtf8(), bearer(ada->token));
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("content-length").toLongLong(), bytes.size());
    QVERIFY(head.body.isEmpty());
}

void tst_Files::mimeIsSniffed()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QByteArray image = png(40, 30);
    const http::Reply reply = upload(ada->token, image, "notes.txt", "text/plain");
    QCOMPARE(reply.status, 201);
    QCOMPARE(jsonOf(reply).value(u"mime"_s).toString(), u"image/png"_s);
    const http::Reply got = download(ada->token, jsonOf(reply).value(u"file_id"_s).toString());
    QCOMPARE(got.header("content-type"), "image/png");
    // Plain text keeps a text type its name gives, never one the name claims over the bytes.
    const http::Reply text = upload(ada->token, "just words\n", "picture.png", "image/png");
    QCOMPARE(text.status, 201);
    QCOMPARE(jsonOf(text).value(u"mime"_s).toString(), u"text/plain"_s);
}

void tst_Files::activeContentIsNeverInline()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QByteArray html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
    const http::Reply reply = upload(ada->token, html, "cat.png", "image/png");
    QCOMPARE(reply.status, 201);
    QCOMPARE(jsonOf(reply).value(u"mime"_s).toString(), u"text/html"_s);
    const http::Reply got = download(ada->token, jsonOf(reply).value(u"file_id"_s).toString());
    QCOMPARE(got.status, 200);
    QCOMPARE(got.header("content-type"), "application/octet-stream");
    QVERIFY(got.header("content-disposition").startsWith("attachment"));
    QCOMPARE(got.header("x-content-type-options"), "nosniff");
}

void tst_Files::fileNames_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("path parts") << QByteArray("..%2F..%2Fetc%2Fpasswd") << 201 << u"passwd"_s;
    QTest::newRow("backslashes") << QByteArray("C:%5Cfoo%5Cbar.txt") << 201 << u"bar.txt"_s;
    QTest::newRow("controls") << QByteArray("a%0Ab%1B%7Fc.txt") << 201 << u"abc.txt"_s;
    QTest::newRow("only a path") << QByteArray("dir%2F") << 201 << u"file"_s;
    QTest::newRow("none") << QByteArray() << 201 << u"file"_s;
    QTest::newRow("invalid UTF-8") << QByteArray("%FF%FE.txt") << 400 << QString();
    QTest::newRow("too long") << QByteArray(256, 'n') << 400 << QString();
    QTest::newRow("255 is fine") << QByteArray(255, 'n') << 201 << QString(255, u'n');
}

void tst_Files::fileNames()
{
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    QFETCH(QString, name);
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QByteArray headers =
        bearer(ada->token) + (header.isNull() ? QByteArray() : "X-Filename: " + header + "\r\n");
    const http::Reply reply = http::call(m_server->url(), "POST", "/v1/files", headers, "abc");
    QCOMPARE(reply.status, status);
    if (status == 201)
        QCOMPARE(jsonOf(reply).value(u"name"_s).toString(), name);
    else
        QVERIFY2(!jsonOf(reply).value(u"message"_s).toString().isEmpty(), reply.body.constData());
}

void tst_Files::overTheLimit()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const qint64 tooBig = 1024 * 1024 + 1;
    // Decided from Content-Length: no 100 Continue, nothing read.
    const http::Reply asked = http::call(m_server->url(), "POST", "/v1/files",
        bearer(ada->token) +
            "Expect: 100-continue\r\nContent-Length: " + QByteArray::number(tooBig) + "\r\n");
    QCOMPARE(asked.status, 413);
    QVERIFY(!asked.continued);
    QCOMPARE(jsonOf(asked).value(u"code"_s).toString(), u"too_large"_s);
    // The whole body sent anyway: still 413, and the answer arrives (no reset before it).
    QCOMPARE(upload(ada->token, randomBytes(tooBig)).status, 413);
    // Exactly the limit is fine, and an upload that waits for 100 Continue gets it.
    const QByteArray bytes = randomBytes(1024 * 1024);
    const http::Reply fits =
        http::postAfterContinue(m_server->url(), "/v1/files", bearer(ada->token), bytes);
    QVERIFY(fits.continued);
    QCOMPARE(fits.status, 201);
    QCOMPARE(jsonOf(fits).value(u"size"_s).toInteger(), bytes.size());
}

void tst_Files::lengthRequired()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const http::Reply chunked = http::call(m_server->url(), "POST", "/v1/files",
        bearer(ada->token) + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n");
    QCOMPARE(chunked.status, 411);
    const http::Reply garbage = http::call(
        m_server->url(), "POST", "/v1/files", bearer(ada->token) + "Content-Length: 12x\r\n");
    QCOMPARE(garbage.status, 400);
    QCOMPARE(http::call(m_server->url(), "PUT", "/v1/files", bearer(ada->token), "x").status, 405);
}

void tst_Files::quota()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QByteArray first = randomBytes(1000 * 1024);
    QVERIFY(!uploaded(ada->token, first).isEmpty());
    QVERIFY(!uploaded(ada->token, randomBytes(1000 * 1024)).isEmpty());
    QVERIFY(!uploaded(ada->token, randomBytes(1000 * 1024)).isEmpty());
    const int before = storedContents();
    const http::Reply over = upload(ada->token, randomBytes(300 * 1024));
    QCOMPARE(over.status, 413);
    QVERIFY2(
        jsonOf(over).value(u"message"_s).toString().contains(u"quota"_s), over.body.constData());
    QCOMPARE(storedContents(), before); // nothing stored
    // Another user has a quota of its own.
    auto bob = user(u"bob"_s);
    QVERIFY(bob);
    QVERIFY(!uploaded(bob->token, randomBytes(300 * 1024)).isEmpty());
}

void tst_Files::thumbnail()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString id = uploaded(ada->token, png(1200, 800), "big.png", "image/png");
    QVERIFY(!id.isEmpty());
    const double made = sample(metrics(), "palaver_thumbnails_made_total");
    const http::Reply thumb = download(ada->token, id, true);
    QCOMPARE(thumb.status, 200);
    QCOMPARE(thumb.header("content-type"), "image/png");
    QImage image;
    QVERIFY(image.loadFromData(thumb.body, "PNG"));
    QCOMPARE(image.size(), QSize(320, 213));
    QCOMPARE(sample(metrics(), "palaver_thumbnails_made_total"), made + 1);
    // The second request is served from the disk cache: nothing is made again.
    const http::Reply again = download(ada->token, id, true);
    QCOMPARE(again.status, 200);
    QVERIFY(again.body == thumb.body);
    QCOMPARE(sample(metrics(), "palaver_thumbnails_made_total"), made + 1);
    // Small images are not scaled up; tall ones keep their aspect.
    const QString small = uploaded(ada->token, png(100, 50), "small.png");
    QVERIFY(image.loadFromData(download(ada->token, small, true).body, "PNG"));
    QCOMPARE(image.size(), QSize(100, 50));
    const QString tall = uploaded(ada->token, png(300, 900), "tall.png");
    QVERIFY(image.loadFromData(download(ada->token, tall, true).body, "PNG"));
    QCOMPARE(image.size(), QSize(106, 320));
}

void tst_Files::thumbnailOfNonImage()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString id = uploaded(ada->token, "plain text, not a picture\n", "x.png", "image/png");
    QVERIFY(!id.isEmpty());
    QCOMPARE(download(ada->token, id, true).status, 404);
    QCOMPARE(download(ada->token, id).status, 200);
}

void tst_Files::attachmentsInEvents()
{
    auto ada = user(u"ada"_s);
    auto bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    const QString room =
        TestClient::roomIdOf(ada->createRoom(u"group"_s, u"pics"_s, {bob->userId}));
    QVERIFY(!room.isEmpty());
    const QByteArray image = png(64, 64);
    const http::Reply reply = upload(ada->token, image, "cat.png", "image/png");
    QCOMPARE(reply.status, 201);
    const QJsonObject file = jsonOf(reply);
    // Text may be empty with attachments.
    const QJsonObject ack = sendFiles(*ada, room, {file.value(u"file_id"_s).toString()});
    QVERIFY(isType(ack, u"ack"_s));
    const QJsonObject push = bob->awaitPush(u"event"_s, [&](const QJsonObject& p) {
        return p.value(u"event"_s).toObject().value(u"kind"_s) == u"message"_s;
    });
    const QJsonArray files = push.value(u"event"_s).toObject().value(u"attachments"_s).toArray();
    QCOMPARE(files.size(), 1);
    QCOMPARE(files.at(0).toObject(), file);
    // History returns the full objects too.
    const QJsonObject history = bob->ask(u"history"_s, {{u"room"_s, room}});
    const QJsonArray events = history.value(u"events"_s).toArray();
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last().toObject().value(u"attachments"_s).toArray().at(0).toObject(), file);
}

void tst_Files::accessControl()
{
    auto ada = user(u"ada"_s);
    auto bob = user(u"bob"_s);
    auto eve = user(u"eve"_s);
    QVERIFY(ada && bob && eve);
    const QString room =
        TestClient::roomIdOf(ada->createRoom(u"group"_s, u"team"_s, {bob->userId}));
    const QString id = uploaded(ada->token, randomBytes(2048));
    QVERIFY(!id.isEmpty());
    // Before any message references it only the uploader sees it.
    QCOMPARE(download(ada->token, id).status, 200);
    QCOMPARE(download(bob->token, id).status, 404);
    QVERIFY(isType(sendFiles(*ada, room, {id}, u"here"_s), u"ack"_s));
    QCOMPARE(download(bob->token, id).status, 200);
    // A stranger guessing ids, a bad id and a missing one all look the same.
    const http::Reply guessed = download(eve->token, id);
    QCOMPARE(guessed.status, 404);
    QCOMPARE(download(eve->token, u"abc"_s).status, 404);
    QCOMPARE(download(eve->token, u"999999999"_s).body, guessed.body);
    QCOMPARE(download(eve->token, id, true).status, 404);
    // A member who left loses access; the uploader keeps it.
    QVERIFY(isType(bob->ask(u"leave"_s, {{u"room"_s, room}}), u"ok"_s));
    QCOMPARE(download(bob->token, id).status, 404);
    QCOMPARE(download(ada->token, id).status, 200);
}

void tst_Files::deleteEndsAccess()
{
    auto ada = user(u"ada"_s);
    auto bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"tmp"_s, {bob->userId}));
    const QString id = uploaded(ada->token, randomBytes(1024));
    const QJsonObject ack = sendFiles(*ada, room, {id});
    QVERIFY(isType(ack, u"ack"_s));
    QCOMPARE(download(bob->token, id).status, 200);
    QVERIFY(isType(
        ada->ask(u"delete"_s, {{u"room"_s, room}, {u"target"_s, ack.value(u"seq"_s)}}), u"ack"_s));
    QCOMPARE(download(bob->token, id).status, 404);
    QCOMPARE(download(ada->token, id).status, 200);
    const QJsonArray events =
        bob->ask(u"history"_s, {{u"room"_s, room}}).value(u"events"_s).toArray();
    for (const QJsonValue& e : events)
        QVERIFY(!e.toObject().contains(u"attachments"_s));
}

void tst_Files::tokens()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString id = uploaded(ada->token, randomBytes(512));
    QVERIFY(!id.isEmpty());
    // No token, a made-up one, then the real one after logout.
    QCOMPARE(http::call(m_server->url(), "GET", "/v1/files/" + id.toUtf8()).status, 401);
    QCOMPARE(http::call(m_server->url(), "POST", "/v1/files", {}, "x").status, 401);
    QCOMPARE(download(u"not-a-token"_s, id).status, 401);
    const QString token = ada->token;
    QVERIFY(isType(ada->ask(u"logout"_s), u"ok"_s));
    QCOMPARE(download(token, id).status, 401);
    const http::Reply refused = upload(token, "abc");
    QCOMPARE(refused.status, 401);
    QCOMPARE(jsonOf(refused).value(u"code"_s).toString(), u"auth_failed"_s);
}

void tst_Files::disabledAccount()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QString id = uploaded(ada->token, randomBytes(512));
    QVERIFY(!id.isEmpty());
    QStringList args {u"user"_s, u"disable"_s, ada->username};
    if (!m_server->databaseUrl().isEmpty())
        args << u"--database"_s << m_server->databaseUrl();
    const CliResult r = runCli(m_server->dataDir(), args);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(download(ada->token, id).status, 401);
    QCOMPARE(upload(ada->token, "abc").status, 401);
}

void tst_Files::foreignFileNotAttached()
{
    auto ada = user(u"ada"_s);
    auto eve = user(u"eve"_s);
    QVERIFY(ada && eve);
    const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"mine"_s));
    const QString theirs = uploaded(eve->token, randomBytes(256));
    const QString mine = uploaded(ada->token, randomBytes(256));
    QVERIFY(!theirs.isEmpty() && !mine.isEmpty());
    QVERIFY(isError(sendFiles(*ada, room, {mine, theirs}, u"stolen"_s), u"not_found"_s));
    QVERIFY(isError(sendFiles(*ada, room, {u"12345678"_s}), u"not_found"_s));
    // Nothing was stored: no message, and Eve's file is still hers alone.
    const QJsonArray events =
        ada->ask(u"history"_s, {{u"room"_s, room}}).value(u"events"_s).toArray();
    for (const QJsonValue& e : events)
        QVERIFY(e.toObject().value(u"kind"_s) != u"message"_s);
    QCOMPARE(download(ada->token, theirs).status, 404);
}

void tst_Files::dedupe()
{
    auto ada = user(u"ada"_s);
    auto bob = user(u"bob"_s);
    QVERIFY(ada && bob);
    const QByteArray bytes = randomBytes(64 * 1024);
    const int before = storedContents();
    const QString first = uploaded(ada->token, bytes, "one.bin");
    const QString second = uploaded(bob->token, bytes, "two.bin");
    const QString third = uploaded(ada->token, bytes, "three.bin");
    QVERIFY(!first.isEmpty() && !second.isEmpty() && !third.isEmpty());
    QVERIFY(first != second && second != third);
    QCOMPARE(storedContents(), before + 1);
    const QString sha = sha256Hex(bytes);
    QVERIFY(QFile::exists(m_server->dataDir() + u"/files/"_s + sha.left(2) + u'/' + sha.mid(2)));
    QVERIFY(download(bob->token, second).body == bytes);
    QVERIFY(download(ada->token, third).header("content-disposition").contains("three.bin"));
}

void tst_Files::survivesRestart()
{
    auto ada = user(u"ada"_s);
    QVERIFY(ada);
    const QByteArray bytes = randomBytes(100 * 1024);
    const QString id = uploaded(ada->token, bytes);
    QVERIFY(!id.isEmpty());
    const QString token = ada->token;
    ada.reset();
    QVERIFY(m_server->restart());
    QVERIFY(download(token, id).body == bytes);
}

void tst_Files::largeFileAtTheDefaultLimit()
{
    // The default limit (25 MiB) both ways, through the send queue's EPOLLOUT path; and 1 byte
    // more is refused. The server runs without a display or QT_QPA_PLATFORM (QImage only).
    qunsetenv("QT_QPA_PLATFORM");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    ServerProcess server;
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"big"_s);
    QVERIFY(ada);
    const QByteArray bytes = randomBytes(25 * 1024 * 1024);
    const http::Reply up = http::call(server.url(), "POST", "/v1/files",
        bearer(ada->token) + "X-Filename: big.bin\r\n", bytes, 60000);
    QCOMPARE(up.status, 201);
    const QString id = jsonOf(up).value(u"file_id"_s).toString();
    const http::Reply down =
        http::call(server.url(), "GET", "/v1/files/" + id.toUtf8(), bearer(ada->token), {}, 60000);
    QCOMPARE(down.status, 200);
    QCOMPARE(down.body.size(), bytes.size());
    QVERIFY(down.body == bytes);
    const http::Reply over = http::call(server.url(), "POST", "/v1/files",
        bearer(ada->token) + "Content-Length: " + QByteArray::number(bytes.size() + 1) + "\r\n");
    QCOMPARE(over.status, 413);
    // A thumbnail without any platform plugin.
    const QString pic =
        jsonOf(http::call(server.url(), "POST", "/v1/files", bearer(ada->token), png(640, 480)))
            .value(u"file_id"_s)
            .toString();
    QCOMPARE(http::call(server.url(), "GET", "/v1/files/" + pic.toUtf8() + "/thumbnail",
                 bearer(ada->token))
                 .status,
        200);
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_Files)
#include "tst_files.moc"
