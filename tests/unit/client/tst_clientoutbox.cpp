// The outbox against the real server: messages queued while the server is down survive a
// client restart and are delivered exactly once, in order; a send cut off by a server crash
// is not duplicated; a refused message is marked failed and can be discarded.
#include "client/accountsession.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using palaver::client::Account;
using palaver::client::TimelineModel;

class tst_ClientOutbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void queuedOfflineSurvivesRestartExactlyOnce();
    void sendCutOffByCrashIsNotDuplicated();
    void refusedMessageFailsAndCanBeDiscarded();
    void rateLimitedSendsWaitAndKeepOrder();

private:
    /// Signs a fresh account in under `base` and opens a group room with bob in it.
    QString setUp(Account& account);
    /// Every message text in the room's server history, oldest first.
    QStringList serverTexts(const QString& room);

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<TestClient> m_bob;
    int m_accounts = 0;
};

void tst_ClientOutbox::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"100"_s, u"--burst"_s, u"100"_s});
    m_server->setReusePort(true);
    QVERIFY(m_server->start());
}

void tst_ClientOutbox::cleanupTestCase()
{
    m_bob.reset();
    QCOMPARE(m_server->stop(), 0);
}

QString tst_ClientOutbox::setUp(Account& account)
{
    m_bob = TestClient::registered(m_server->url(), u"bob"_s);
    if (!m_bob)
        return {};
    account.signIn(
        m_server->url().toString(), u"writer_%1"_s.arg(++m_accounts), u"password123"_s, true);
    if (!QTest::qWaitFor([&] { return account.connectionState() == Account::Online; }, 10000))
        return {};
    QSignalSpy ready(&account, &Account::roomReady);
    account.createRoom(u"group"_s, u"Outbox"_s, {}, {m_bob->userId});
    if (!ready.wait(10000))
        return {};
    return ready.first().first().toString();
}

QStringList tst_ClientOutbox::serverTexts(const QString& room)
{
    auto reader = m_bob->anotherDevice(m_server->url());
    const QJsonObject page =
        reader->request({{u"type"_s, u"history"_s}, {u"room"_s, room}, {u"limit"_s, 200}});
    QStringList texts;
    for (const QJsonValue& event : page.value(u"events"_s).toArray())
        texts.append(event.toObject().value(u"text"_s).toString());
    return texts;
}

void tst_ClientOutbox::queuedOfflineSurvivesRestartExactlyOnce()
{
    QTemporaryDir base;
    QString room;
    const QStringList written {u"one"_s, u"two"_s, u"three"_s, u"four"_s, u"five"_s};
    {
        auto account = clienttest::makeAccount(base.path());
        room = setUp(*account);
        QVERIFY(!room.isEmpty());
        QCOMPARE(m_server->stop(), 0);
        QTRY_VERIFY(account->connectionState() != Account::Online);
        for (const QString& text : written)
            account->sendMessage(room, text);
        // Shown at once, pending.
        auto* timeline = account->timeline(room);
        QCOMPARE(clienttest::messageTexts(timeline), written);
        QCOMPARE(clienttest::column(timeline, "deliveryState"), QStringList(5, u"pending"_s));
    } // the app quits with the messages unsent

    auto restarted = clienttest::makeAccount(base.path());
    QVERIFY(restarted->restoreSession());
    auto* timeline = restarted->timeline(room);
    QCOMPARE(clienttest::messageTexts(timeline), written);
    QCOMPARE(clienttest::rowSeqs(timeline), QList<qint64>(5, 0));

    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(restarted->connectionState(), Account::Online, 40000);
    QTRY_COMPARE(clienttest::rowSeqs(timeline), (QList<qint64> {1, 2, 3, 4, 5}));
    QCOMPARE(clienttest::messageTexts(timeline), written);
    QCOMPARE(clienttest::column(timeline, "deliveryState"), QStringList(5, u"sent"_s));
    QVERIFY(restarted->session()->outbox().entries().isEmpty());
    QCOMPARE(serverTexts(room), written);
}

void tst_ClientOutbox::sendCutOffByCrashIsNotDuplicated()
{
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    const QString room = setUp(*account);
    QVERIFY(!room.isEmpty());
    auto* timeline = account->timeline(room);
    // Written and killed in the same breath: the send may or may not have been committed,
    // and its ack is lost either way. The resend with the same client_mid settles it.
    account->sendMessage(room, u"last words"_s);
    account->connection().setReconnectPolicy(palaver::client::ReconnectPolicy([] { return 0.0; }));
    QTest::qWait(5); // let the frame leave the socket
    m_server->kill();
    account->sendMessage(room, u"after the crash"_s);
    QVERIFY(m_server->start());
    QTRY_COMPARE_WITH_TIMEOUT(account->connectionState(), Account::Online, 20000);
    QTRY_COMPARE(clienttest::rowSeqs(timeline), (QList<qint64> {1, 2}));
    QCOMPARE(
        clienttest::messageTexts(timeline), (QStringList {u"last words"_s, u"after the crash"_s}));
    QCOMPARE(serverTexts(room), (QStringList {u"last words"_s, u"after the crash"_s}));
}

void tst_ClientOutbox::refusedMessageFailsAndCanBeDiscarded()
{
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    const QString room = setUp(*account);
    QVERIFY(!room.isEmpty());
    auto* timeline = account->timeline(room);
    QSignalSpy errors(account.get(), &Account::errorOccurred);
    account->sendMessage(room, QString(4001, u'x'));
    account->sendMessage(room, u"fine"_s);
    QTRY_COMPARE(
        clienttest::column(timeline, "deliveryState"), (QStringList {u"sent"_s, u"failed"_s}));
    QVERIFY(!errors.isEmpty());
    // The failed one stays below the delivered one until the user decides.
    const QString mid = timeline->index(1, 0).data(TimelineModel::ClientMidRole).toString();
    account->retrySend(mid);
    QTRY_COMPARE(clienttest::column(timeline, "deliveryState").last(), u"failed"_s);
    account->discardSend(mid);
    QCOMPARE(clienttest::messageTexts(timeline), QStringList {u"fine"_s});
    QVERIFY(account->session()->outbox().entries().isEmpty());
}

void tst_ClientOutbox::rateLimitedSendsWaitAndKeepOrder()
{
    // Two messages per second: the third send is refused with retry_after_ms and goes again
    // by itself, and nothing overtakes it.
    ServerProcess strict({u"--rate-per-s"_s, u"2"_s, u"--burst"_s, u"2"_s});
    QVERIFY(strict.start());
    QTemporaryDir base;
    auto account = clienttest::makeAccount(base.path());
    account->signIn(strict.url().toString(), u"hasty"_s, u"password123"_s, true);
    QTRY_COMPARE(account->connectionState(), Account::Online);
    QSignalSpy ready(account.get(), &Account::roomReady);
    account->createRoom(u"public"_s, u"Fast"_s, {}, {});
    QTRY_COMPARE(ready.size(), 1);
    const QString room = ready.first().first().toString();
    QStringList written;
    for (int i = 0; i < 5; ++i) {
        written.append(u"fast %1"_s.arg(i));
        account->sendMessage(room, written.last());
    }
    auto* timeline = account->timeline(room);
    QTRY_COMPARE_WITH_TIMEOUT(
        clienttest::rowSeqs(timeline), (QList<qint64> {1, 2, 3, 4, 5}), 15000);
    QCOMPARE(clienttest::messageTexts(timeline), written);
    QCOMPARE(strict.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_ClientOutbox)
#include "tst_clientoutbox.moc"
