// Account against the real server: sign up, sign in, token resume without the password, the
// cached state before any network, wrong passwords and sign out.
#include "client/accountsession.h"
#include "client/credentials/tokenstore.h"
#include "client/models/roomlistmodel.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::Account;

class tst_ClientAccount : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void signUpThenResumeWithoutPassword();
    void signInToExistingAccount();
    void wrongPasswordSignsOut();
    void cachedRoomsShowBeforeTheNetwork();
    void signOutForgetsTheToken();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void tst_ClientAccount::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"100"_s, u"--burst"_s, u"100"_s});
    m_server->setReusePort(true);
    QVERIFY(m_server->start());
}

void tst_ClientAccount::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_ClientAccount::signUpThenResumeWithoutPassword()
{
    QTemporaryDir base;
    QString userId;
    {
        auto account = clienttest::makeAccount(base.path());
        account->signIn(m_server->url().toString(), u"Ada"_s, u"correct horse 1"_s, true);
        QTRY_COMPARE(account->connectionState(), Account::Online);
        QCOMPARE(account->username(), u"ada"_s);
        QVERIFY(!account->userId().isEmpty());
        userId = account->userId();
    }
    // The token sits in a file only the owner may read, and the password nowhere.
    QString tokenFile;
    QDirIterator files(base.path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        if (QFileInfo(path).fileName() == u"token"_s)
            tokenFile = path;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains("correct horse 1"), qPrintable(path));
    }
    QVERIFY(!tokenFile.isEmpty());
    QCOMPARE(QFile::permissions(tokenFile) & clienttest::kOthersMayAccess, 0);

    // A new Account object (a restart) resumes with the stored token.
    auto again = clienttest::makeAccount(base.path());
    QVERIFY(again->restoreSession());
    QCOMPARE(again->userId(), userId); // from the cache, before the network
    QTRY_COMPARE(again->connectionState(), Account::Online);
    QCOMPARE(again->userId(), userId);
}

void tst_ClientAccount::signInToExistingAccount()
{
    auto bob = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(bob);
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    account->signIn(m_server->url().toString(), bob->username, u"password123"_s, false);
    QTRY_COMPARE(account->connectionState(), Account::Online);
    QCOMPARE(account->userId(), bob->userId);
}

void tst_ClientAccount::wrongPasswordSignsOut()
{
    auto cyd = TestClient::registered(m_server->url(), u"cyd"_s);
    QVERIFY(cyd);
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    QSignalSpy errors(account.get(), &Account::errorOccurred);
    account->signIn(m_server->url().toString(), cyd->username, u"not the password"_s, false);
    QTRY_VERIFY(!errors.isEmpty());
    QCOMPARE(account->connectionState(), Account::SignedOut);
    QVERIFY(!account->lastError().isEmpty());
    // No retry loop after a refused password.
    QTest::qWait(1000);
    QCOMPARE(account->connectionState(), Account::SignedOut);
}

void tst_ClientAccount::cachedRoomsShowBeforeTheNetwork()
{
    QTemporaryDir base;
    QString roomId;
    {
        auto account = clienttest::makeAccount(base.path());
        account->signIn(m_server->url().toString(), u"dora"_s, u"password123"_s, true);
        QTRY_COMPARE(account->connectionState(), Account::Online);
        QSignalSpy ready(account.get(), &Account::roomReady);
        account->createRoom(u"public"_s, u"Lobby"_s, u"hello"_s, {});
        QTRY_COMPARE(ready.size(), 1);
        roomId = ready.first().first().toString();
        account->sendMessage(roomId, u"first words"_s);
        QTRY_COMPARE(clienttest::rowSeqs(account->timeline(roomId)), QList<qint64> {1});
    }
    QCOMPARE(m_server->stop(), 0);
    auto offline = clienttest::makeAccount(base.path());
    QVERIFY(offline->restoreSession());
    // Straight from the cache: the server is down.
    QCOMPARE(offline->rooms()->rowCount(), 1);
    QCOMPARE(clienttest::column(offline->rooms(), "name"), QStringList {u"Lobby"_s});
    QCOMPARE(clienttest::messageTexts(offline->timeline(roomId)), QStringList {u"first words"_s});
    QTRY_COMPARE(offline->connectionState(), Account::Reconnecting);
    QVERIFY(offline->retryInSeconds() >= 0);
    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(offline->connectionState(), Account::Online, 40000);
}

void tst_ClientAccount::signOutForgetsTheToken()
{
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    account->signIn(m_server->url().toString(), u"eve"_s, u"password123"_s, true);
    QTRY_COMPARE(account->connectionState(), Account::Online);
    account->signOut();
    QCOMPARE(account->connectionState(), Account::SignedOut);
    auto again = clienttest::makeAccount(base.path());
    QVERIFY(!again->restoreSession());
}

QTEST_GUILESS_MAIN(tst_ClientAccount)
#include "tst_clientaccount.moc"
