// What an admin operates with, against the real server: GET /healthz and /metrics on the
// WebSocket port (loopback only unless configured), the --config file, structured logs that
// never carry a password or a token.
#include "tests/support/httpexchange.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// The value of an unlabelled sample in Prometheus text, or -1.
double sample(const QByteArray& metrics, const QByteArray& name)
{
    for (const QByteArray& line : metrics.split('\n'))
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toDouble();
    return -1;
}
} // namespace

class tst_Operations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void healthz();
    void metricsCountWhatHappened();
    void otherPathsAndMethods();
    void operationsRefusedOutsideAllowedSubnets();
    void configFileSetsOptions();
    void configFileWithUnknownKeyIsRefused();
    void logsAreStructuredAndHoldNoSecrets();
};

void tst_Operations::healthz()
{
    ServerProcess server;
    QVERIFY(server.start());
    const http::Reply reply = http::call(server.url(), "GET", "/healthz");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("ok\n"));
    const http::Reply head = http::call(server.url(), "HEAD", "/healthz");
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(server.stop(), 0);
}

void tst_Operations::metricsCountWhatHappened()
{
    ServerProcess server;
    QVERIFY(server.start());
    auto alice = TestClient::registered(server.url(), u"metrics"_s);
    auto bob = TestClient::registered(server.url(), u"metrics"_s);
    QVERIFY(alice && bob);
    const QString room = TestClient::roomIdOf(alice->createRoom(u"group"_s, u"M"_s, {bob->userId}));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(alice->sendMessage(room, u"hi %1"_s.arg(i)).value(u"type"_s), u"ack"_s);

    const http::Reply reply = http::call(server.url(), "GET", "/metrics");
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.head.contains("text/plain; version=0.0.4"));
    const QByteArray& m = reply.body;
    QCOMPARE(sample(m, "palaver_users_online"), 2.0);
    QCOMPARE(sample(m, "palaver_devices_online"), 2.0);
    QCOMPARE(sample(m, "palaver_connections"), 3.0); // two clients and this request
    QCOMPARE(sample(m, "palaver_events_stored_total"), 3.0);
    QCOMPARE(sample(m, "palaver_deliveries_total"), 6.0); // each message to both members
    QVERIFY(sample(m, "palaver_frames_in_total") >= 6);
    QVERIFY(sample(m, "palaver_frames_out_total") >= 12);
    QCOMPARE(sample(m, "palaver_send_to_ack_seconds_count"), 3.0);
    QVERIFY(sample(m, "palaver_db_commit_seconds_count") >= 3);
    QVERIFY(m.contains("palaver_db_commit_seconds_bucket{le=\"+Inf\"}"));
    QCOMPARE(sample(m, "palaver_db_errors_total"), 0.0);
    QVERIFY(m.contains("palaver_connections_refused_total{reason=\"per_ip_limit\"} 0"));
    QVERIFY(sample(m, "process_resident_memory_bytes") > 1e6);
    QCOMPARE(server.stop(), 0);
}

void tst_Operations::otherPathsAndMethods()
{
    ServerProcess server;
    QVERIFY(server.start());
    QCOMPARE(http::call(server.url(), "GET", "/nothing-here").status, 404);
    QCOMPARE(http::call(server.url(), "GET", "/v1").status, 404); // a WebSocket, not a page
    const http::Reply post = http::call(server.url(), "POST", "/metrics");
    QCOMPARE(post.status, 405);
    QVERIFY(post.head.contains("Allow: GET, HEAD"));
    QCOMPARE(http::exchange(server.url(), "garbage\r\n\r\n").status, 400);
    QCOMPARE(server.stop(), 0);
}

void tst_Operations::operationsRefusedOutsideAllowedSubnets()
{
    ServerProcess server({u"--metrics-allow"_s, u"10.0.0.0/8, 192.168.1.7"_s});
    QVERIFY(server.start());
    QCOMPARE(http::call(server.url(), "GET", "/metrics").status, 403);
    QCOMPARE(http::call(server.url(), "GET", "/healthz").status, 403);
    QCOMPARE(server.stop(), 0);
}

void tst_Operations::configFileSetsOptions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"palaver.ini"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# rates for a small team\nrate-per-s = 7\nburst = 3\nlog-format = json\n");
    file.close();
    ServerProcess server({u"--config"_s, path, u"--burst"_s, u"4"_s}); // the flag wins
    QVERIFY(server.start());
    TestClient client;
    QVERIFY(client.connectTo(server.url()));
    const QJsonObject welcome = client.registerUser(u"configured"_s);
    const QJsonObject limits = welcome.value(u"server"_s).toObject().value(u"limits"_s).toObject();
    QCOMPARE(limits.value(u"rate_per_s"_s).toInt(), 7);
    QCOMPARE(limits.value(u"burst"_s).toInt(), 4);
    QCOMPARE(server.stop(), 0);
    QVERIFY2(server.output().startsWith(u"{\"cat\":"_s), qPrintable(server.output().left(200)));
}

void tst_Operations::configFileWithUnknownKeyIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bad.ini"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("lisen = 127.0.0.1:1\n");
    file.close();
    QProcess process;
    process.start(ServerProcess::binary(), {u"--config"_s, path, u"--data-dir"_s, dir.path()});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("unknown option 'lisen'"));
}

void tst_Operations::logsAreStructuredAndHoldNoSecrets()
{
    ServerProcess server({u"--log-level"_s, u"debug"_s});
    QVERIFY(server.start());
    const QString password = u"Sup3r-Secret-Passw0rd"_s;
    QString token;
    {
        TestClient client;
        QVERIFY(client.connectTo(server.url()));
        QCOMPARE(client.registerUser(u"secretive"_s, password).value(u"type"_s), u"welcome"_s);
        token = client.token;
        client.sendMessage(TestClient::roomIdOf(client.createRoom(u"group"_s, u"S"_s)), u"x"_s);
    }
    TestClient again;
    QVERIFY(again.connectTo(server.url()));
    QCOMPARE(again.resume(token).value(u"type"_s), u"welcome"_s);
    TestClient wrong;
    QVERIFY(wrong.connectTo(server.url()));
    wrong.login(u"secretive"_s, u"wrong-"_s + password);
    QCOMPARE(server.stop(), 0);

    const QString log = server.output();
    QVERIFY(!log.isEmpty());
    QVERIFY(!log.contains(password));
    QVERIFY(!log.contains(token));
    static const QRegularExpression record(
        u"^ts=\\d{4}-\\d\\d-\\d\\dT\\S+Z level=(debug|info|warning|error) cat=\\S+ msg=\".*\"$"_s);
    for (const QString& line : log.split(u'\n', Qt::SkipEmptyParts))
        QVERIFY2(record.match(line).hasMatch(), qPrintable(line));
    QVERIFY(log.contains(u"level=debug"_s)); // --log-level debug took effect
}

QTEST_GUILESS_MAIN(tst_Operations)
#include "tst_operations.moc"
