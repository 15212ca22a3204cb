// Connection over wss:// against a TLS endpoint on 127.0.0.1 with throwaway certificates:
// a self-signed certificate is asked about once and sends nothing until trusted; a trusted one
// connects silently from then on; a different one raises the changed-certificate warning,
// sends no credentials and does not retry on its own; a certificate the system trusts needs
// no question; plain ws:// is untouched.
#include "client/net/certificatecheck.h"
#include "client/net/connection.h"
#include "tests/unit/client/tlsendpoint.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::AuthRequest;
using palaver::client::CertificateQuestion;
using palaver::client::Connection;
using palaver::client::ReconnectPolicy;

namespace {
AuthRequest login()
{
    AuthRequest auth;
    auth.mode = AuthRequest::Mode::Login;
    auth.username = u"ada"_s;
    auth.password = u"correct horse"_s;
    return auth;
}

// Retries at the 500 ms floor, so a retry that should not happen would happen quickly.
ReconnectPolicy fastRetries()
{
    return ReconnectPolicy([] { return 0.0; });
}
} // namespace

class tst_TlsConnection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void firstUseAsksAndSendsNothing();
    void trustingConnectsAndIsRemembered();
    void rejectingClosesForGood();
    void changedCertificateWarnsAndDoesNotRetry();
    void trustingTheChangedCertificateReplacesThePin();
    void systemTrustedCertificateNeedsNoQuestion();
    void pinnedServerWithSystemTrustedOtherCertificateIsChanged();
    void plainWebSocketIsUnchanged();

private:
    std::unique_ptr<Connection> makeConnection();
    void trustSystemWide(const QList<QSslCertificate>& certificates);

    QTemporaryDir m_dir;
    TestCertificate m_first;
    TestCertificate m_second;
    QString m_pinFile;
    QSslConfiguration m_defaultTls;
};

void tst_TlsConnection::initTestCase()
{
    m_first = TestCertificate::create(m_dir.path(), u"first"_s);
    QVERIFY2(m_first.ok(), qPrintable(m_first.error));
    m_second = TestCertificate::create(m_dir.path(), u"second"_s);
    QVERIFY2(m_second.ok(), qPrintable(m_second.error));
    m_defaultTls = QSslConfiguration::defaultConfiguration();
}

void tst_TlsConnection::init()
{
    static int n = 0;
    m_pinFile = m_dir.filePath(u"pins-%1.json"_s.arg(++n));
}

void tst_TlsConnection::cleanup()
{
    QSslConfiguration::setDefaultConfiguration(m_defaultTls);
}

std::unique_ptr<Connection> tst_TlsConnection::makeConnection()
{
    auto connection = std::make_unique<Connection>();
    connection->setReconnectPolicy(fastRetries());
    connection->certificatePins().setStorageFile(m_pinFile);
    return connection;
}

void tst_TlsConnection::trustSystemWide(const QList<QSslCertificate>& certificates)
{
    // What an installed CA does: QWebSocket starts from the default configuration.
    QSslConfiguration tls = m_defaultTls;
    tls.setCaCertificates(tls.caCertificates() + certificates);
    QSslConfiguration::setDefaultConfiguration(tls);
}

void tst_TlsConnection::firstUseAsksAndSendsNothing()
{
    TlsEndpoint endpoint;
    QVERIFY(endpoint.useCertificate(m_first));
    QVERIFY(endpoint.listen());
    auto connection = makeConnection();
    QSignalSpy lost(connection.get(), &Connection::connectionLost);
    connection->open(endpoint.url(), login());
    QTRY_COMPARE(connection->state(), Connection::State::AwaitingTrust);

    const CertificateQuestion* question = connection->certificateQuestion();
    QCOMPARE(question->problem(), CertificateQuestion::Untrusted);
    QCOMPARE(question->server(), u"127.0.0.1:%1"_s.arg(endpoint.url().port()));
    QCOMPARE(question->fingerprint(), m_first.fingerprint);
    QVERIFY2(question->subject().contains(u"CN=localhost"_s), qPrintable(question->subject()));
    QCOMPARE(question->expiry(), m_first.certificate.expiryDate());
    QVERIFY(!question->errors().isEmpty());
    QCOMPARE(endpoint.authFrames(), 0);

    // No retry re-asks: with retries at 500 ms, two would have happened by now. Waiting is
    // the only way to see that something does not happen.
    QTest::qWait(1500);
    QCOMPARE(connection->state(), Connection::State::AwaitingTrust);
    QCOMPARE(connection->retryInSeconds(), 0);
    QCOMPARE(endpoint.connections(), 0);
    QCOMPARE(lost.count(), 0);
    QVERIFY(!QFile::exists(m_pinFile));
}

void tst_TlsConnection::trustingConnectsAndIsRemembered()
{
    TlsEndpoint endpoint;
    QVERIFY(endpoint.useCertificate(m_first));
    QVERIFY(endpoint.listen());
    {
        auto connection = makeConnection();
        connection->open(endpoint.url(), login());
        QTRY_COMPARE(connection->state(), Connection::State::AwaitingTrust);
        QVERIFY(connection->trustCertificate());
        QTRY_COMPARE(connection->state(), Connection::State::Online);
        QCOMPARE(connection->certificateQuestion()->problem(), CertificateQuestion::None);
        QCOMPARE(endpoint.authFrames(), 1);
        QVERIFY(QFile::exists(m_pinFile));

        // A dropped link reconnects to the same certificate without asking.
        QSignalSpy asked(connection->certificateQuestion(), &CertificateQuestion::changed);
        endpoint.dropAll();
        QTRY_COMPARE(connection->state(), Connection::State::Reconnecting);
        QTRY_COMPARE(connection->state(), Connection::State::Online);
        QCOMPARE(endpoint.authFrames(), 2);
        QCOMPARE(asked.count(), 0);
    }
    // So does a new run with the same pin file.
    auto restarted = makeConnection();
    QSignalSpy asked(restarted->certificateQuestion(), &CertificateQuestion::changed);
    restarted->open(endpoint.url(), login());
    QTRY_COMPARE(restarted->state(), Connection::State::Online);
    QCOMPARE(asked.count(), 0);
    QCOMPARE(endpoint.authFrames(), 3);
}

void tst_TlsConnection::rejectingClosesForGood()
{
    TlsEndpoint endpoint;
    QVERIFY(endpoint.useCertificate(m_first));
    QVERIFY(endpoint.listen());
    auto connection = makeConnection();
    connection->open(endpoint.url(), login());
    QTRY_COMPARE(connection->state(), Connection::State::AwaitingTrust);
    connection->rejectCertificate();
    QCOMPARE(connection->state(), Connection::State::SignedOut);
    QCOMPARE(connection->certificateQuestion()->problem(), CertificateQuestion::None);
    QVERIFY(!connection->trustCertificate());
    QTest::qWait(1000); // proof of absence: no retry at the 500 ms floor
    QCOMPARE(connection->state(), Connection::State::SignedOut);
    QCOMPARE(endpoint.connections(), 0);
    QVERIFY(!connection->certificatePins().contains(
        palaver::client::CertificatePins::serverKey(endpoint.url())));
}

void tst_TlsConnection::changedCertificateWarnsAndDoesNotRetry()
{
    TlsEndpoint endpoint;
    QVERIFY(endpoint.useCertificate(m_first));
    QVERIFY(endpoint.listen());
    auto connection = makeConnection();
    connection->open(endpoint.url(), login());
    QTRY_COMPARE(connection->state(), Connection::State::AwaitingTrust);
    QVERIFY(connection->trustCertificate());
    QTRY_COMPARE(connection->state(), Connection::State::Online);

    // The "server" comes back with another certificate.
    QVERIFY(endpoint.useCertificate(m_second));
    endpoint.dropAll();
    QTRY_COMPARE(connection->state(), Connection::State::AwaitingTrust);
    const CertificateQuestion* question = connection->certificateQuestion();
    QCOMPARE(question->problem(), CertificateQuestion::Changed);
    QCOMPARE(question->fingerprint(), m_second.fingerprint);
    QCOMPARE(question->pinnedFingerprint(), m_first.fingerprint);
    QCOMPARE(endpoint.authFrames(), 1); // the first, trusted login only
    QTest::qWait(1500); // proof of absence: no retry at the 500 ms floor
    QCOMPARE(connection->state(), Connection::State::AwaitingTrust);
    QCOMPARE(endpoint.connections(), 1);
    // The old pin still stands until the user decides.
    QCOMPARE(connection->certificatePins()
                 .pin(palaver::client::CertificatePins::serverKey(endpoint.url()))
                 .digest(),
        m_first.sha256);
}

void tst_TlsConnection::trustingTheChangedCertificateReplacesThePin()
{
    TlsEndpoint endpoint;
    QVERIFY(endpoint.useCertificate(m_first));
    QVERIFY(endpoint.listen());
    const QString server = palaver::client::CertificatePins::serverKey(endpoint.url());
    auto connection = makeConnection();
    QVERIFY(connection->certificatePins().trust(server, {m_first.certificate}));
    QVERIFY(endpoint.useCertificate(m_second));
    connection->open(endpoint.url(), login());
    QTRY_COMPARE(connection->state(), Connection::State::AwaitingTrust);
    QCOMPARE(connection->certificateQuestion()->problem(), CertificateQuestion::Changed);
    QVERIFY(connection->trustCertificate());
    QTRY_COMPARE(connection->state(), Connection::State::Online);
    QCOMPARE(connection->certificatePins().pin(server).digest(), m_second.sha256);
}

void tst_TlsConnection::systemTrustedCertificateNeedsNoQuestion()
{
    trustSystemWide({m_first.certificate});
    TlsEndpoint endpoint;
    QVERIFY(endpoint.useCertificate(m_first));
    QVERIFY(endpoint.listen());
    auto connection = makeConnection();
    QSignalSpy asked(connection->certificateQuestion(), &CertificateQuestion::changed);
    connection->open(endpoint.url(), login());
    QTRY_COMPARE(connection->state(), Connection::State::Online);
    QCOMPARE(asked.count(), 0);
    // Nothing is pinned: the system's trust is enough.
    QVERIFY(!connection->certificatePins().contains(
        palaver::client::CertificatePins::serverKey(endpoint.url())));
}

void tst_TlsConnection::pinnedServerWithSystemTrustedOtherCertificateIsChanged()
{
    // No TLS error at all, yet not the pinned certificate: still refused before any
    // credentials leave.
    trustSystemWide({m_second.certificate});
    TlsEndpoint endpoint;
    QVERIFY(endpoint.useCertificate(m_second));
    QVERIFY(endpoint.listen());
    auto connection = makeConnection();
    QVERIFY(connection->certificatePins().trust(
        palaver::client::CertificatePins::serverKey(endpoint.url()), {m_first.certificate}));
    connection->open(endpoint.url(), login());
    QTRY_COMPARE(connection->state(), Connection::State::AwaitingTrust);
    QCOMPARE(connection->certificateQuestion()->problem(), CertificateQuestion::Changed);
    QCOMPARE(connection->certificateQuestion()->fingerprint(), m_second.fingerprint);
    QCOMPARE(endpoint.authFrames(), 0);
}

void tst_TlsConnection::plainWebSocketIsUnchanged()
{
    TlsEndpoint endpoint(false);
    QVERIFY(endpoint.listen());
    auto connection = makeConnection();
    QSignalSpy asked(connection->certificateQuestion(), &CertificateQuestion::changed);
    connection->open(endpoint.url(), login());
    QTRY_COMPARE(connection->state(), Connection::State::Online);
    QCOMPARE(asked.count(), 0);
    QCOMPARE(endpoint.authFrames(), 1);
}

QTEST_GUILESS_MAIN(tst_TlsConnection)
#include "tst_tlsconnection.moc"
