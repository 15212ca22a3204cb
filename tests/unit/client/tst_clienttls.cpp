// An Account against the real palaver-server serving wss:// with a throwaway self-signed
// certificate: the first connection asks and sends nothing; trusting connects and signs up;
// restarts with the same certificate reconnect silently (also in a new Account on the same
// profile); a restart with a new certificate raises the changed-certificate warning and does
// not authenticate until the user trusts the new one.
#include "client/net/certificatequestion.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testcertificate.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::Account;
using palaver::client::CertificateQuestion;

class tst_ClientTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void firstUseThenPinnedThenChanged();
    void rejectingStaysDisconnected();

private:
    QTemporaryDir m_certDir;
    TestCertificate m_cert;
    std::unique_ptr<ServerProcess> m_server;
};

void tst_ClientTls::initTestCase()
{
    m_cert = TestCertificate::create(m_certDir.path());
    QVERIFY2(m_cert.ok(), qPrintable(m_cert.error));
    // Restarts read the files again, so replacing them gives the restarted server a new
    // certificate at the same paths.
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--tls-cert"_s, m_cert.certPath, u"--tls-key"_s, m_cert.keyPath});
    m_server->setReusePort(true);
    QVERIFY(m_server->start());
    QCOMPARE(m_server->url().scheme(), u"wss"_s);
}

void tst_ClientTls::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

void tst_ClientTls::firstUseThenPinnedThenChanged()
{
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    account->signIn(m_server->url().toString(), u"ada"_s, u"correct horse 1"_s, true);
    QTRY_COMPARE(account->connectionState(), Account::AwaitingTrust);
    CertificateQuestion* question = account->certificate();
    QCOMPARE(question->problem(), CertificateQuestion::Untrusted);
    QCOMPARE(question->fingerprint(), m_cert.fingerprint);
    QVERIFY(account->userId().isEmpty()); // nothing was registered yet

    account->trustCertificate();
    QTRY_COMPARE(account->connectionState(), Account::Online);
    QVERIFY(!account->userId().isEmpty());
    QCOMPARE(question->problem(), CertificateQuestion::None);

    // Same certificate after a restart: reconnects and resumes without a question.
    QSignalSpy asked(question, &CertificateQuestion::changed);
    QVERIFY(m_server->restart());
    QTRY_COMPARE_WITH_TIMEOUT(account->connectionState(), Account::Online, 20000);
    QCOMPARE(asked.count(), 0);

    // And in a new Account on the same profile: the pin was stored there.
    account.reset();
    account = clienttest::makeAccount(base.path());
    QVERIFY(account->restoreSession());
    QTRY_COMPARE(account->connectionState(), Account::Online);
    QCOMPARE(account->certificate()->problem(), CertificateQuestion::None);

    // A new certificate: refused loudly, no authentication, no retries.
    m_server->stop();
    const TestCertificate replaced = TestCertificate::create(m_certDir.path());
    QVERIFY2(replaced.ok(), qPrintable(replaced.error));
    QVERIFY(replaced.fingerprint != m_cert.fingerprint);
    QVERIFY(m_server->start());
    question = account->certificate();
    QTRY_COMPARE_WITH_TIMEOUT(account->connectionState(), Account::AwaitingTrust, 20000);
    QCOMPARE(question->problem(), CertificateQuestion::Changed);
    QCOMPARE(question->fingerprint(), replaced.fingerprint);
    QCOMPARE(question->pinnedFingerprint(), m_cert.fingerprint);
    QTest::qWait(1500); // proof of absence: nothing reconnects while the question is open
    QCOMPARE(account->connectionState(), Account::AwaitingTrust);
    QCOMPARE(account->retryInSeconds(), 0);

    // Explicitly trusting the new one connects again.
    account->trustCertificate();
    QTRY_COMPARE(account->connectionState(), Account::Online);
    m_cert = replaced;
}

void tst_ClientTls::rejectingStaysDisconnected()
{
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    account->signIn(m_server->url().toString(), u"bo"_s, u"correct horse 2"_s, true);
    QTRY_COMPARE(account->connectionState(), Account::AwaitingTrust);
    account->rejectCertificate();
    QCOMPARE(account->connectionState(), Account::SignedOut);
    QVERIFY2(account->lastError().contains(u"did not trust"_s), qPrintable(account->lastError()));
    QCOMPARE(account->certificate()->problem(), CertificateQuestion::None);
    QVERIFY(account->userId().isEmpty());
}

QTEST_GUILESS_MAIN(tst_ClientTls)
#include "tst_clienttls.moc"
