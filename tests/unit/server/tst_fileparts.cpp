// The pure parts of file uploads: the name an upload keeps, MIME sniffing, content paths, and
// thumbnails that stay bounded even for images that claim to be huge.
#include "server/files/filerepository.h"
#include "server/files/thumbnailmaker.h"
#include "server/files/uploadname.h"

#include <QBuffer>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using namespace palaver::server;

namespace {
// PNG's CRC-32 (the zlib polynomial), bit by bit: a few hundred bytes only.
quint32 crc32Of(const QByteArray& bytes)
{
    quint32 crc = 0xffffffffu;
    for (const char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray chunk(const char* type, const QByteArray& data)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(data.size()), out.data());
    const QByteArray typed = QByteArray(type, 4) + data;
    out += typed;
    QByteArray crc(4, Qt::Uninitialized);
    qToBigEndian<quint32>(crc32Of(typed), crc.data());
    return out + crc;
}

// A valid PNG header claiming width × height pixels, with a tiny (truncated) image stream.
QByteArray claimedPng(quint32 width, quint32 height)
{
    QByteArray ihdr(13, '\0');
    qToBigEndian<quint32>(width, ihdr.data());
    qToBigEndian<quint32>(height, ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 6; // RGBA
    const QByteArray zeros(1024, '\0');
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) +
        chunk("IDAT", qCompress(zeros).mid(4)) + chunk("IEND", {});
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    QFile file(dir.filePath(name));
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return file.fileName();
}
} // namespace

class tst_FileParts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names_data();
    void names();
    void contentDisposition();
    void sniffing();
    void paths();
    void thumbnailScales();
    void decompressionBombRefused();
};

void tst_FileParts::names_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected"); ///< null: refused
    QTest::newRow("plain") << QByteArray("cat.png") << u"cat.png"_s;
    QTest::newRow("percent UTF-8")
        << QByteArray("%C3%A9t%C3%A9%20%F0%9F%98%80.txt") << u"été 😀.txt"_s;
    QTest::newRow("path") << QByteArray("/etc/../passwd") << u"passwd"_s;
    QTest::newRow("windows path") << QByteArray("C:%5CUsers%5Cx.doc") << u"x.doc"_s;
    QTest::newRow("controls") << QByteArray("a%00b%0D%0Ac%C2%85") << u"abc"_s;
    QTest::newRow("dots") << QByteArray("..") << u"file"_s;
    QTest::newRow("spaces") << QByteArray("%20%20x%20") << u"x"_s;
    QTest::newRow("empty") << QByteArray() << u"file"_s;
    QTest::newRow("overlong UTF-8") << QByteArray("%C0%AF") << QString();
    QTest::newRow("256") << QByteArray(256, 'a') << QString();
}

void tst_FileParts::names()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    const auto name = uploadname::clean(header);
    QCOMPARE(name.has_value(), !expected.isNull());
    if (name)
        QCOMPARE(*name, expected);
}

void tst_FileParts::contentDisposition()
{
    QCOMPARE(uploadname::contentDisposition(u"a \"b\" é.txt"_s, false),
        "attachment; filename=\"a _b_ _.txt\"; filename*=UTF-8''a%20%22b%22%20%C3%A9.txt");
    QVERIFY(uploadname::contentDisposition(u"x"_s, true).startsWith("inline;"));
}

void tst_FileParts::sniffing()
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QImage(4, 4, QImage::Format_RGB32).save(&buffer, "PNG");
    QCOMPARE(FileRepository::sniff(png, u"notes.txt"_s), u"image/png"_s);
    QCOMPARE(FileRepository::sniff("hello\n", u"x.png"_s), u"text/plain"_s);
    QCOMPARE(FileRepository::sniff("# Title\n", u"readme.md"_s), u"text/markdown"_s);
    QCOMPARE(FileRepository::sniff("<html><body>x</body></html>", u"a.jpg"_s), u"text/html"_s);
    QCOMPARE(FileRepository::sniff(QByteArray("\x00\x01\x02\xff", 4), u"a.txt"_s),
        u"application/octet-stream"_s);
}

void tst_FileParts::paths()
{
    const FileRepository repository(u"/srv/files"_s);
    const QString sha = u"9f2c"_s + QString(60, u'0');
    QCOMPARE(repository.contentPath(sha), u"/srv/files/9f/2c"_s + QString(60, u'0'));
    QCOMPARE(repository.thumbnailPath(sha), repository.contentPath(sha) + u".thumb.png"_s);
}

void tst_FileParts::thumbnailScales()
{
    QTemporaryDir dir;
    QImage image(1000, 400, QImage::Format_RGB32);
    image.fill(Qt::red);
    const QString path = dir.filePath(u"wide"_s);
    QVERIFY(image.save(path, "JPEG"));
    const auto thumb = ThumbnailMaker::make(path);
    QVERIFY(thumb);
    QImage made;
    QVERIFY(made.loadFromData(*thumb, "PNG"));
    QCOMPARE(made.size(), QSize(320, 128));
    QVERIFY(!ThumbnailMaker::make(writeFile(dir, u"text"_s, "not an image")));
    QVERIFY(ThumbnailMaker::supports(u"image/png"_s));
    QVERIFY(!ThumbnailMaker::supports(u"image/svg+xml"_s));
}

void tst_FileParts::decompressionBombRefused()
{
    QTemporaryDir dir;
    // 100,000 × 100,000 RGBA would be 40 GB decoded: refused from the header alone.
    const QString bomb = writeFile(dir, u"bomb"_s, claimedPng(100'000, 100'000));
    QVERIFY(!ThumbnailMaker::make(bomb));
    // Just over the pixel bound: refused too.
    QVERIFY(!ThumbnailMaker::make(writeFile(dir, u"big"_s, claimedPng(8000, 5001))));
}

QTEST_GUILESS_MAIN(tst_FileParts)
#include "tst_fileparts.moc"
