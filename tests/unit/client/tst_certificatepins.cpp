// The trust-on-first-use store and rules: nothing pinned on first use, a pin survives a
// restart in a file only the user may change, the pinned certificate passes and any other one
// is "changed", and errors a pin must never override stay fatal.
#include "client/net/certificatecheck.h"
#include "client/net/certificatepins.h"
#include "tests/support/testcertificate.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::CertificateCheck;
using palaver::client::CertificatePins;
using palaver::client::CertificateVerdict;

Q_DECLARE_METATYPE(palaver::client::CertificateVerdict)

class tst_CertificatePins : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fingerprintMatchesOpenssl();
    void serverKey_data();
    void serverKey();
    void firstUseHasNoPin();
    void trustedPinIsPersisted();
    void damagedPinIsIgnored();
    void forgetRemovesThePin();
    void verdict_data();
    void verdict();
    void ignoredErrorsNameOnlyThePinnedCertificate();

private:
    QTemporaryDir m_dir;
    TestCertificate m_cert;
    TestCertificate m_other;
};

void tst_CertificatePins::initTestCase()
{
    m_cert = TestCertificate::create(m_dir.path(), u"one"_s);
    QVERIFY2(m_cert.ok(), qPrintable(m_cert.error));
    m_other = TestCertificate::create(m_dir.path(), u"two"_s);
    QVERIFY2(m_other.ok(), qPrintable(m_other.error));
    QVERIFY(m_cert.fingerprint != m_other.fingerprint);
}

void tst_CertificatePins::fingerprintMatchesOpenssl()
{
    // What the user compares must be what `openssl x509 -fingerprint -sha256` (and so the
    // server's start-up line) shows.
    QProcess openssl;
    openssl.start(u"openssl"_s,
        {u"x509"_s, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s, u"-in"_s, m_cert.certPath});
    QVERIFY(openssl.waitForFinished(10000));
    const QString line = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    QCOMPARE(line.section(u'=', 1), CertificateCheck::fingerprint(m_cert.certificate));
    QCOMPARE(CertificateCheck::fingerprint(m_cert.certificate).size(), 32 * 3 - 1);
}

void tst_CertificatePins::serverKey_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("key");
    QTest::newRow("host and port")
        << u"wss://Chat.Example.org:8765/v1"_s << u"chat.example.org:8765"_s;
    QTest::newRow("default wss port") << u"wss://example.org/v1"_s << u"example.org:443"_s;
    QTest::newRow("ipv6") << u"wss://[::1]:8765/v1"_s << u"[::1]:8765"_s;
}

void tst_CertificatePins::serverKey()
{
    QFETCH(QString, url);
    QFETCH(QString, key);
    QCOMPARE(CertificatePins::serverKey(QUrl(url)), key);
}

void tst_CertificatePins::firstUseHasNoPin()
{
    CertificatePins pins;
    pins.setStorageFile(m_dir.filePath(u"none/pins.json"_s));
    QVERIFY(!pins.contains(u"127.0.0.1:8765"_s));
    QVERIFY(pins.pin(u"127.0.0.1:8765"_s).digest().isEmpty());
    QVERIFY(!QFile::exists(pins.storageFile()));
}

void tst_CertificatePins::trustedPinIsPersisted()
{
    const QString file = m_dir.filePath(u"persist/trusted-certificates.json"_s);
    {
        CertificatePins pins;
        pins.setStorageFile(file);
        QVERIFY(pins.trust(u"127.0.0.1:8765"_s, {m_cert.certificate}));
    }
    QVERIFY(QFile::exists(file));
    QCOMPARE(QFile::permissions(file) & clienttest::kOthersMayAccess, QFileDevice::Permissions());
    // The fingerprint is readable in the file, for a person checking what was trusted.
    QFile json(file);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QVERIFY(json.readAll().contains(m_cert.fingerprint.toLatin1()));

    CertificatePins reloaded;
    reloaded.setStorageFile(file);
    QVERIFY(reloaded.contains(u"127.0.0.1:8765"_s));
    QCOMPARE(reloaded.pin(u"127.0.0.1:8765"_s).digest(), m_cert.sha256);
    QCOMPARE(reloaded.pin(u"127.0.0.1:8765"_s).leaf(), m_cert.certificate);
    QVERIFY(!reloaded.contains(u"127.0.0.1:8766"_s));

    // Trusting another certificate for the same server replaces the pin.
    QVERIFY(reloaded.trust(u"127.0.0.1:8765"_s, {m_other.certificate}));
    CertificatePins again;
    again.setStorageFile(file);
    QCOMPARE(again.pin(u"127.0.0.1:8765"_s).digest(), m_other.sha256);
}

void tst_CertificatePins::damagedPinIsIgnored()
{
    const QString file = m_dir.filePath(u"damaged/pins.json"_s);
    {
        CertificatePins pins;
        pins.setStorageFile(file);
        QVERIFY(pins.trust(u"a:1"_s, {m_cert.certificate}));
        QVERIFY(pins.trust(u"b:1"_s, {m_other.certificate}));
    }
    // Someone edits the fingerprint of one entry: that entry no longer counts.
    QFile json(file);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QByteArray text = json.readAll();
    json.close();
    text.replace(m_cert.fingerprint.toLatin1(), m_other.fingerprint.toLatin1());
    QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
    json.write(text);
    json.close();
    CertificatePins pins;
    pins.setStorageFile(file);
    QVERIFY(!pins.contains(u"a:1"_s));
    QVERIFY(pins.contains(u"b:1"_s));
}

void tst_CertificatePins::forgetRemovesThePin()
{
    const QString file = m_dir.filePath(u"forget/pins.json"_s);
    CertificatePins pins;
    pins.setStorageFile(file);
    QVERIFY(pins.trust(u"a:1"_s, {m_cert.certificate}));
    QVERIFY(pins.forget(u"a:1"_s));
    CertificatePins reloaded;
    reloaded.setStorageFile(file);
    QVERIFY(!reloaded.contains(u"a:1"_s));
}

void tst_CertificatePins::verdict_data()
{
    QTest::addColumn<bool>("pinned");
    QTest::addColumn<bool>("otherPeer");
    QTest::addColumn<QList<int>>("errors");
    QTest::addColumn<CertificateVerdict>("expected");
    const int selfSigned = QSslError::SelfSignedCertificate;
    const int nameMismatch = QSslError::HostNameMismatch;
    const int expired = QSslError::CertificateExpired;
    const int revoked = QSslError::CertificateRevoked;
    QTest::newRow("first use, self-signed: ask")
        << false << false << QList<int> {selfSigned} << CertificateVerdict::AskFirstUse;
    QTest::newRow("first use, self-signed and other name: ask")
        << false << false << QList<int> {selfSigned, nameMismatch}
        << CertificateVerdict::AskFirstUse;
    QTest::newRow("first use, expired: refuse, never ask")
        << false << false << QList<int> {selfSigned, expired} << CertificateVerdict::Invalid;
    QTest::newRow("first use, revoked: refuse")
        << false << false << QList<int> {revoked} << CertificateVerdict::Invalid;
    QTest::newRow("pinned, same certificate: proceed")
        << true << false << QList<int> {selfSigned} << CertificateVerdict::Proceed;
    QTest::newRow("pinned, same certificate, other name: proceed")
        << true << false << QList<int> {selfSigned, nameMismatch} << CertificateVerdict::Proceed;
    QTest::newRow("pinned, same certificate now expired: refuse, do not ask again")
        << true << false << QList<int> {selfSigned, expired} << CertificateVerdict::Invalid;
    QTest::newRow("pinned, other certificate: changed")
        << true << true << QList<int> {selfSigned} << CertificateVerdict::Changed;
    QTest::newRow("pinned, other certificate, expired too: still changed")
        << true << true << QList<int> {selfSigned, expired} << CertificateVerdict::Changed;
}

void tst_CertificatePins::verdict()
{
    QFETCH(bool, pinned);
    QFETCH(bool, otherPeer);
    QFETCH(QList<int>, errors);
    QFETCH(CertificateVerdict, expected);
    const QSslCertificate peer = otherPeer ? m_other.certificate : m_cert.certificate;
    QList<QSslError> reported;
    for (int error : errors)
        reported.append(QSslError(QSslError::SslError(error), peer));
    const QByteArray pin = pinned ? m_cert.sha256 : QByteArray();
    const QList<QSslError> ignored =
        pinned ? CertificateCheck::ignorableErrors({m_cert.certificate}) : QList<QSslError>();
    QCOMPARE(CertificateCheck::judge(pin, peer, reported, ignored), expected);
}

void tst_CertificatePins::ignoredErrorsNameOnlyThePinnedCertificate()
{
    const QList<QSslError> ignored = CertificateCheck::ignorableErrors({m_cert.certificate});
    QVERIFY(ignored.contains(QSslError(QSslError::SelfSignedCertificate, m_cert.certificate)));
    QVERIFY(!ignored.contains(QSslError(QSslError::SelfSignedCertificate, m_other.certificate)));
    QVERIFY(!ignored.contains(QSslError(QSslError::CertificateExpired, m_cert.certificate)));
    QVERIFY(CertificateCheck::ignorableErrors({}).isEmpty());
}

QTEST_GUILESS_MAIN(tst_CertificatePins)
#include "tst_certificatepins.moc"
