// Sync against the real server: after the server dies, messages sent meanwhile by another
// client appear exactly once and in seq order (sync, then `history after` for the rest), and
// pushes that overlap the sync answer are not shown twice; a link that dies while the user is
// typing and sending loses nothing and duplicates nothing.
#include "client/accountsession.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"
#include "tests/unit/client/clienttestsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <csignal>

using namespace Qt::StringLiterals;
using palaver::client::Account;
using palaver::client::ReconnectPolicy;

class tst_ClientSync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void gapFilledAfterReconnect();
    void pushesOverlappingSyncShowOnce();
    void deadLinkNoticedByPing();
    void cablePulledMidConversationLosesNothing();

private:
    /// Expected seqs 1..n.
    static QList<qint64> upTo(qint64 n);
    /// Sends `count` messages from `client` without waiting in between; waits for the last ack.
    static bool sendBurst(
        TestClient& client, const QString& room, const QString& prefix, int count);

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_base;
    std::unique_ptr<Account> m_ada;
    std::unique_ptr<TestClient> m_bob;
    QString m_room;
};

void tst_ClientSync::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s});
    m_server->setReusePort(true);
    QVERIFY(m_server->start());
}

void tst_ClientSync::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_ClientSync::init()
{
    m_base = std::make_unique<QTemporaryDir>();
    m_bob = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(m_bob);
    m_ada = clienttest::makeAccount(m_base->path());
    m_ada->signIn(m_server->url().toString(),
        u"ada%1"_s.arg(QDateTime::currentMSecsSinceEpoch() % 100000000), u"password123"_s, true);
    QTRY_COMPARE(m_ada->connectionState(), Account::Online);
    QSignalSpy ready(m_ada.get(), &Account::roomReady);
    m_ada->createRoom(u"group"_s, u"Gaps"_s, {}, {m_bob->userId});
    QTRY_COMPARE(ready.size(), 1);
    m_room = ready.first().first().toString();
}

void tst_ClientSync::cleanup()
{
    m_ada.reset();
    m_bob.reset();
    m_base.reset();
}

QList<qint64> tst_ClientSync::upTo(qint64 n)
{
    QList<qint64> seqs;
    for (qint64 seq = 1; seq <= n; ++seq)
        seqs.append(seq);
    return seqs;
}

bool tst_ClientSync::sendBurst(
    TestClient& client, const QString& room, const QString& prefix, int count)
{
    int last = 0;
    for (int i = 0; i < count; ++i) {
        last = client.send({{u"type"_s, u"send"_s}, {u"room"_s, room},
            {u"client_mid"_s, QString(prefix + QString::number(i))},
            {u"text"_s, QString(prefix + QString::number(i))}});
    }
    return client.awaitAnswer(last, 20000).value(u"type"_s).toString() == u"ack"_s;
}

void tst_ClientSync::gapFilledAfterReconnect()
{
    auto* timeline = m_ada->timeline(m_room);
    QVERIFY(sendBurst(*m_bob, m_room, u"before-"_s, 3));
    QTRY_COMPARE(clienttest::rowSeqs(timeline), upTo(3));

    // The next attempt comes 4 s after the link breaks: time enough for bob to send while
    // ada is away, so the messages must come from sync and history, not pushes.
    ReconnectPolicy slow([] { return 1.0; });
    slow.nextDelay();
    slow.nextDelay();
    m_ada->connection().setReconnectPolicy(slow);
    m_server->kill();
    QTRY_COMPARE(m_ada->connectionState(), Account::Reconnecting);
    QVERIFY(m_server->start());
    auto bob = m_bob->anotherDevice(m_server->url());
    QVERIFY(bob);
    // More than one sync page (200): the rest comes from `history after`.
    QVERIFY(sendBurst(*bob, m_room, u"away-"_s, 250));
    // On a loaded machine ada may be back before bob is done; then part of the burst comes as
    // pushes, and every check below must still hold.
    if (m_ada->connectionState() != Account::Reconnecting)
        qWarning("ada reconnected before the burst ended: only part of it came from sync");

    QTRY_COMPARE_WITH_TIMEOUT(m_ada->connectionState(), Account::Online, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(clienttest::rowSeqs(timeline), upTo(253), 15000);
    const QStringList texts = clienttest::messageTexts(timeline);
    QCOMPARE(texts.at(3), u"away-0"_s);
    QCOMPARE(texts.last(), u"away-249"_s);
    QTRY_COMPARE(m_ada->session()->cache().cursor(m_room), 253);
    QVERIFY(m_ada->session()->sync().isCaughtUp());
}

void tst_ClientSync::pushesOverlappingSyncShowOnce()
{
    auto* timeline = m_ada->timeline(m_room);
    QVERIFY(sendBurst(*m_bob, m_room, u"before-"_s, 2));
    QTRY_COMPARE(clienttest::rowSeqs(timeline), upTo(2));
    m_ada->connection().setReconnectPolicy(ReconnectPolicy([] { return 0.0; }));

    m_server->kill();
    QTRY_COMPARE(m_ada->connectionState(), Account::Reconnecting);
    QVERIFY(m_server->start());
    auto bob = m_bob->anotherDevice(m_server->url());
    QVERIFY(bob);
    // Bob keeps talking while ada reconnects, so events land before, inside and after the
    // sync answer, and as pushes between welcome and synced.
    int sent = 0;
    int lastId = 0;
    QTimer talker;
    talker.setInterval(3);
    connect(&talker, &QTimer::timeout, this, [&] {
        lastId = bob->send({{u"type"_s, u"send"_s}, {u"room"_s, m_room},
            {u"client_mid"_s, u"live-%1"_s.arg(sent)}, {u"text"_s, u"live %1"_s.arg(sent)}});
        if (++sent == 300)
            talker.stop();
    });
    talker.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_ada->connectionState(), Account::Online, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!talker.isActive(), 15000);
    QCOMPARE(bob->awaitAnswer(lastId).value(u"type"_s).toString(), u"ack"_s);
    QTRY_COMPARE_WITH_TIMEOUT(clienttest::rowSeqs(timeline), upTo(302), 15000);
    QCOMPARE(clienttest::messageTexts(timeline).last(), u"live 299"_s);
}

void tst_ClientSync::deadLinkNoticedByPing()
{
    // A frozen server keeps the TCP connection open but answers nothing, like a dead NAT
    // mapping: only the application ping notices.
    m_ada->connection().setPingInterval(200, 400);
    m_ada->connection().setReconnectPolicy(ReconnectPolicy([] { return 0.0; }));
    ::kill(pid_t(m_server->pid()), SIGSTOP);
    QTRY_COMPARE_WITH_TIMEOUT(m_ada->connectionState(), Account::Reconnecting, 5000);
    ::kill(pid_t(m_server->pid()), SIGCONT);
    QTRY_COMPARE_WITH_TIMEOUT(m_ada->connectionState(), Account::Online, 20000);
    QVERIFY(sendBurst(*m_bob, m_room, u"alive-"_s, 1));
    QTRY_COMPARE(clienttest::messageTexts(m_ada->timeline(m_room)), QStringList {u"alive-0"_s});
}

void tst_ClientSync::cablePulledMidConversationLosesNothing()
{
    // The cable is pulled while ada types and sends: the server hears nothing more (frozen,
    // which is what a dead link looks like from the client), ada keeps writing, the link comes
    // back. Part of the burst may still reach the server on the old connection and commit
    // there with its ack lost; the outbox sends it again on the new one. Whatever happened,
    // every message is stored exactly once, in the order written, and ends up shown as sent.
    auto* timeline = m_ada->timeline(m_room);
    m_ada->connection().setPingInterval(200, 400);
    m_ada->connection().setReconnectPolicy(ReconnectPolicy([] { return 0.0; }));
    QStringList written;
    const auto write = [&](const QString& text) {
        m_ada->userTyping(m_room);
        m_ada->sendMessage(m_room, text);
        written.append(text);
    };
    for (int i = 0; i < 3; ++i)
        write(u"before %1"_s.arg(i));
    QTRY_COMPARE(clienttest::rowSeqs(timeline), upTo(3));

    ::kill(pid_t(m_server->pid()), SIGSTOP);
    for (int i = 0; i < 10; ++i)
        write(u"cut %1"_s.arg(i)); // into a socket nobody reads
    QTRY_COMPARE_WITH_TIMEOUT(m_ada->connectionState(), Account::Reconnecting, 5000);
    for (int i = 0; i < 5; ++i)
        write(u"offline %1"_s.arg(i)); // into the outbox only
    // Shown at once, pending, in the order written.
    QCOMPARE(clienttest::messageTexts(timeline), written);
    QCOMPARE(clienttest::rowSeqs(timeline).count(0), 15);

    ::kill(pid_t(m_server->pid()), SIGCONT);
    QTRY_COMPARE_WITH_TIMEOUT(m_ada->connectionState(), Account::Online, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(clienttest::rowSeqs(timeline), upTo(18), 20000);
    QCOMPARE(clienttest::messageTexts(timeline), written);
    QTRY_VERIFY(m_ada->session()->outbox().entries().isEmpty());

    // The server's record as another member saw it live: the same 18, once each, in order.
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->pushes(u"event"_s).size(), 18, 10000);
    QStringList received;
    QList<qint64> seqs;
    for (const QJsonObject& push : m_bob->pushes(u"event"_s)) {
        const QJsonObject event = push.value(u"event"_s).toObject();
        received.append(event.value(u"text"_s).toString());
        seqs.append(event.value(u"seq"_s).toInteger());
    }
    QCOMPARE(received, written);
    QCOMPARE(seqs, upTo(18));
    m_bob->drain();
    QVERIFY(m_bob->noPush(u"event"_s, 300));
}

QTEST_GUILESS_MAIN(tst_ClientSync)
#include "tst_clientsync.moc"
