// An Account against the real palaver-server serving wss:// with a throwaway self-signed
// certificate: the first connection asks and sends nothing; trusting connects and signs up;
// restarts with the same certificate reconnect silently (also in a new Account on the same
// profile); a restart with a new certificate raises the changed-certificate warning and does
// not authenticate until the user trusts the new one.
#include "client/files/accountfiles.h"
#include "client/net/certificatequestion.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testcertificate.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QFile>
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
    void filesOverPinnedHttps();

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

void tst_ClientTls::filesOverPinnedHttps()
{
    // The pinned self-signed certificate serves file transfers too (https on the same port).
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    account->signIn(m_server->url().toString(), u"fay"_s, u"correct horse 3"_s, true);
    QTRY_COMPARE(account->connectionState(), Account::AwaitingTrust);
    account->trustCertificate();
    QTRY_COMPARE(account->connectionState(), Account::Online);
    QSignalSpy ready(account.get(), &Account::roomReady);
    account->createRoom(u"group"_s, u"Secure files"_s, QString(), {});
    QTRY_COMPARE(ready.size(), 1);
    const QString room = ready.first().first().toString();

    palaver::client::AccountFiles* files = account->files();
    palaver::client::UploadListModel* uploads = files->uploads(room);
    QSignalSpy states(uploads, &palaver::client::UploadListModel::stateChanged);
    const QByteArray data(300 * 1024, 'z');
    const int id = files->uploadData(room, u"secret.txt"_s, u"text/plain"_s, data);
    QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty() &&
            (states.last().at(1).toString() == u"done"_s ||
                states.last().at(1).toString() == u"failed"_s),
        20000);
    QCOMPARE(states.last().at(0).toInt(), id);
    QVERIFY2(states.last().at(1).toString() == u"done"_s,
        qPrintable(
            uploads->index(0, 0).data(palaver::client::UploadListModel::ErrorRole).toString()));

    auto* timeline = account->timeline(room);
    QVariantMap file;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < timeline->rowCount(); ++row) {
                const QVariantList list = timeline->index(row, 0)
                                              .data(palaver::client::TimelineModel::AttachmentsRole)
                                              .toList();
                if (!list.isEmpty()) {
                    file = list.first().toMap();
                    return true;
                }
            }
            return false;
        }(),
        20000);
    palaver::client::FileDownload* download =
        files->download(file.value(u"fileId"_s).toString(), u"secret.txt"_s, data.size());
    QTemporaryDir target;
    download->start(QUrl::fromLocalFile(target.filePath(u"secret.txt"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(
        download->state() == u"done"_s || download->state() == u"failed"_s, 20000);
    QVERIFY2(download->state() == u"done"_s, qPrintable(download->error()));
    QFile saved(target.filePath(u"secret.txt"_s));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll() == data);
}

QTEST_GUILESS_MAIN(tst_ClientTls)
#include "tst_clienttls.moc"
