// Admin commands against a running server (another process on the same database): disabling
// an account or resetting its password closes its live sessions (4403 / 4401) within about a
// second, and a backup taken under write load is consistent and holds every acknowledged
// message up to that point.
#include "tests/integration/tst_admin_cli.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_AdminLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void disableClosesSessions4403AndEnableRestoresLogin();
    void resetPasswordCloses4401();
    void backupUnderWriteLoadIsConsistent();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void tst_AdminLive::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"100000"_s, u"--burst"_s, u"100000"_s});
    QVERIFY(m_server->start());
}

void tst_AdminLive::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_AdminLive::disableClosesSessions4403AndEnableRestoresLogin()
{
    auto ada = TestClient::registered(m_server->url(), u"ada"_s);
    QVERIFY(ada);
    auto laptop = ada->anotherDevice(m_server->url());
    auto bystander = TestClient::registered(m_server->url(), u"bystander"_s);
    QVERIFY(laptop && bystander);
    const QString oldToken = ada->token;

    QElapsedTimer latency;
    latency.start();
    const CliResult r = runCli(m_server->dataDir(), {u"user"_s, u"disable"_s, ada->username});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"revoked 2 sessions"_s), qPrintable(r.out));
    QVERIFY(ada->awaitClosed(3000));
    QVERIFY(laptop->awaitClosed(3000));
    qInfo() << "both devices closed" << latency.elapsed() << "ms after the command started";
    QCOMPARE(ada->closeCode(), 4403);
    QCOMPARE(laptop->closeCode(), 4403);
    QVERIFY(bystander->isConnected()); // nobody else is touched
    QCOMPARE(bystander->ask(u"ping"_s).value(u"type"_s).toString(), u"pong"_s);

    TestClient again;
    QVERIFY(again.connectTo(m_server->url()));
    QCOMPARE(again.login(ada->username).value(u"code"_s).toString(), u"auth_failed"_s);
    QVERIFY(again.awaitClosed());
    QCOMPARE(again.closeCode(), 4401);
    TestClient resumed;
    QVERIFY(resumed.connectTo(m_server->url()));
    QCOMPARE(resumed.resume(oldToken).value(u"code"_s).toString(), u"auth_failed"_s);

    QCOMPARE(runCli(m_server->dataDir(), {u"user"_s, u"enable"_s, ada->username}).code, 0);
    TestClient back;
    QVERIFY(back.connectTo(m_server->url()));
    QCOMPARE(back.login(ada->username).value(u"type"_s).toString(), u"welcome"_s);
    // Enabling does not bring revoked tokens back.
    TestClient stale;
    QVERIFY(stale.connectTo(m_server->url()));
    QCOMPARE(stale.resume(oldToken).value(u"code"_s).toString(), u"auth_failed"_s);
    QVERIFY(back.isConnected());

    const CliResult audit = runCli(m_server->dataDir(), {u"audit"_s});
    QVERIFY(audit.out.contains(QRegularExpression(
        u"admin_user_disable\\s+user:%1\\s+cli\\s+\\{\"sessions_revoked\":2\\}"_s.arg(
            ada->username))));
    QVERIFY(audit.out.contains(
        QRegularExpression(u"%1\\s+login_failed\\s.*account disabled"_s.arg(ada->username))));
    QVERIFY(audit.out.contains(u"admin_user_enable"_s));
}

void tst_AdminLive::resetPasswordCloses4401()
{
    auto bob = TestClient::registered(m_server->url(), u"bob"_s);
    QVERIFY(bob);
    const QString oldToken = bob->token;
    const CliResult r = runCli(m_server->dataDir(),
        {u"user"_s, u"reset-password"_s, bob->username, u"--password-stdin"_s}, "a new secret\n");
    QCOMPARE(r.code, 0);
    QVERIFY(bob->awaitClosed(3000));
    QCOMPARE(bob->closeCode(), 4401);

    TestClient old;
    QVERIFY(old.connectTo(m_server->url()));
    QCOMPARE(old.login(bob->username).value(u"code"_s).toString(), u"auth_failed"_s);
    TestClient token;
    QVERIFY(token.connectTo(m_server->url()));
    QCOMPARE(token.resume(oldToken).value(u"code"_s).toString(), u"auth_failed"_s);
    TestClient fresh;
    QVERIFY(fresh.connectTo(m_server->url()));
    QCOMPARE(
        fresh.login(bob->username, u"a new secret"_s).value(u"type"_s).toString(), u"welcome"_s);
    // The new session is not closed by the change that came before it.
    QVERIFY(fresh.noPush(u"event"_s, 1200));
    QVERIFY(fresh.isConnected());
}

void tst_AdminLive::backupUnderWriteLoadIsConsistent()
{
    auto writer = TestClient::registered(m_server->url(), u"writer"_s);
    QVERIFY(writer);
    const QString room = TestClient::roomIdOf(writer->createRoom(u"group"_s, u"load"_s));
    QVERIFY(!room.isEmpty());

    // Keep 32 sends in flight: each ack sends the next, until told to stop.
    qint64 acked = 0;
    int sent = 0;
    bool stopping = false;
    const auto sendNext = [&] {
        writer->send({{u"type"_s, u"send"_s}, {u"room"_s, room},
            {u"client_mid"_s, u"m%1"_s.arg(sent)}, {u"text"_s, u"load message %1"_s.arg(sent)}});
        ++sent;
    };
    connect(writer.get(), &TestClient::frameReceived, this, [&](const QJsonObject& frame) {
        if (frame.value(u"type"_s).toString() != u"ack"_s)
            return;
        acked = std::max(acked, qint64(frame.value(u"seq"_s).toInteger()));
        if (!stopping)
            sendNext();
    });
    for (int i = 0; i < 32; ++i)
        sendNext();
    QTRY_VERIFY_WITH_TIMEOUT(acked >= 300, 20000);

    QTemporaryDir target;
    const QString file = target.filePath(u"backup.db"_s);
    QProcess backup;
    QSignalSpy finished(&backup, &QProcess::finished);
    const qint64 ackedBefore = acked;
    backup.start(ServerProcess::binary(),
        {u"backup"_s, u"--to"_s, file, u"--data-dir"_s, m_server->dataDir()});
    QVERIFY(finished.wait(30000)); // the event loop runs: acks keep coming meanwhile
    const qint64 ackedAfter = acked;
    QCOMPARE(backup.exitCode(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(acked >= ackedAfter + 50, 20000); // writes went on throughout
    stopping = true;
    qInfo() << "acked before the backup" << ackedBefore << "after" << ackedAfter;

    QCOMPARE(runCli({u"check"_s, u"--file"_s, file}).code, 0);
    // Refuses to overwrite without --force.
    QCOMPARE(runCli(m_server->dataDir(), {u"backup"_s, u"--to"_s, file}).code, 1);

    // Serve the copy: every message acknowledged before the backup began is there, in order,
    // without gaps, and nothing beyond what had been acknowledged when it ended.
    QTemporaryDir restored;
    QVERIFY(QFile::copy(file, restored.filePath(u"palaver.db"_s)));
    ServerProcess copy({}, restored.path());
    QVERIFY(copy.start());
    TestClient reader;
    QVERIFY(reader.connectTo(copy.url()));
    QCOMPARE(reader.login(writer->username).value(u"type"_s).toString(), u"welcome"_s);
    qint64 expectSeq = 1;
    std::optional<qint64> after = 0;
    while (after) {
        const QJsonObject page =
            reader.ask(u"history"_s, {{u"room"_s, room}, {u"after"_s, *after}, {u"limit"_s, 200}});
        const QJsonArray events = page.value(u"events"_s).toArray();
        for (const QJsonValue& v : events) {
            const QJsonObject e = v.toObject();
            QCOMPARE(e.value(u"seq"_s).toInteger(), expectSeq);
            QCOMPARE(e.value(u"text"_s).toString(), u"load message %1"_s.arg(expectSeq - 1));
            ++expectSeq;
        }
        after = page.value(u"has_more"_s).toBool() ? std::optional(expectSeq - 1) : std::nullopt;
    }
    const qint64 inBackup = expectSeq - 1;
    QVERIFY2(inBackup >= ackedBefore, qPrintable(u"%1 < %2"_s.arg(inBackup).arg(ackedBefore)));
    QVERIFY(inBackup <= ackedAfter + 32); // at most the sends in flight beyond the last ack
}

QTEST_GUILESS_MAIN(tst_AdminLive)
#include "tst_adminlive.moc"
