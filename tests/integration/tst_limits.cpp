// The abuse limits of a real server, each at a small value so the test reaches it: browser
// Origins, connections per address and in total, handshakes per second, failed logins per
// account and per address.
#include "tests/support/framechecks.h"
#include "tests/support/httpexchange.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QElapsedTimer>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Tries `attempt` until it succeeds, at most `ms`. Not QTRY_*: those evaluate their
// expression again after it succeeded, and each attempt here opens a connection, which is
// exactly what the limits count. There is no signal for "the server noticed a close" or
// "a token bucket refilled", so polling is the honest wait.
bool retryUntil(const std::function<bool()>& attempt, int ms = 5000)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        if (attempt())
            return true;
        QTest::qWait(50);
    }
    return false;
}
} // namespace

class tst_Limits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void browserOriginsNeedAllowing();
    void listedOriginIsAccepted();
    void connectionsPerAddress();
    void connectionsInTotal();
    void handshakesPerSecond();
    void failedLoginsPerAccountSlowThenRefuse();
    void failedLoginsPerAddress();
};

void tst_Limits::browserOriginsNeedAllowing()
{
    ServerProcess server;
    QVERIFY(server.start());
    const http::Reply browser = http::exchange(
        server.url(), http::upgradeRequest(server.url(), "Origin: https://evil.example\r\n"));
    QCOMPARE(browser.status, 403);
    // The desktop client sends no Origin and is always accepted.
    int status = 0;
    auto desktop = http::openUpgraded(server.url(), &status);
    QCOMPARE(status, 101);
    QCOMPARE(server.stop(), 0);
}

void tst_Limits::listedOriginIsAccepted()
{
    ServerProcess server({u"--allowed-origins"_s, u"https://chat.example, https://b.example"_s});
    QVERIFY(server.start());
    const auto withOrigin = [&](const QByteArray& origin) {
        int status = 0;
        http::openUpgraded(server.url(), &status, "Origin: " + origin + "\r\n");
        return status;
    };
    QCOMPARE(withOrigin("https://chat.example"), 101);
    QCOMPARE(withOrigin("HTTPS://B.EXAMPLE"), 101); // origins compare case-insensitively
    QCOMPARE(withOrigin("https://chat.example.evil"), 403);
    QCOMPARE(server.stop(), 0);
}

void tst_Limits::connectionsPerAddress()
{
    ServerProcess server({u"--max-connections-per-ip"_s, u"3"_s});
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QSslSocket>> open;
    for (int i = 0; i < 3; ++i) {
        int status = 0;
        open.push_back(http::openUpgraded(server.url(), &status));
        QCOMPARE(status, 101);
    }
    const http::Reply fourth = http::exchange(server.url(), http::upgradeRequest(server.url()));
    QCOMPARE(fourth.status, 429);
    QVERIFY(fourth.head.contains("Retry-After:"));
    // A connection that ends frees its place.
    open.front()->abort();
    open.erase(open.begin());
    QVERIFY(retryUntil([&] {
        int status = 0;
        open.push_back(http::openUpgraded(server.url(), &status));
        return status == 101;
    }));
    open.clear();
    // /metrics needs a place too: reachable again once those connections have ended.
    http::Reply metrics;
    QVERIFY(retryUntil([&] {
        metrics = http::call(server.url(), "GET", "/metrics");
        return metrics.status == 200;
    }));
    QVERIFY2(metrics.body.contains("palaver_connections_refused_total{reason=\"per_ip_limit\"}"),
        metrics.body.constData());
    QCOMPARE(server.stop(), 0);
}

void tst_Limits::connectionsInTotal()
{
    ServerProcess server({u"--max-connections"_s, u"2"_s});
    QVERIFY(server.start());
    int a = 0, b = 0;
    auto first = http::openUpgraded(server.url(), &a);
    auto second = http::openUpgraded(server.url(), &b);
    QCOMPARE(a, 101);
    QCOMPARE(b, 101);
    const http::Reply third = http::exchange(server.url(), http::upgradeRequest(server.url()));
    QCOMPARE(third.status, 503);
    QVERIFY(third.body.contains("full"));
    QCOMPARE(server.stop(), 0);
}

void tst_Limits::handshakesPerSecond()
{
    // 1 per second with a burst of 2: the third connection in quick succession is refused.
    ServerProcess server({u"--handshakes-per-ip-per-s"_s, u"1"_s});
    QVERIFY(server.start());
    QElapsedTimer elapsed;
    elapsed.start();
    QList<int> statuses;
    for (int i = 0; i < 3; ++i)
        statuses << http::call(server.url(), "GET", "/healthz").status;
    if (elapsed.elapsed() >= 900)
        QSKIP("the machine was too slow to open three connections within a second");
    QCOMPARE(statuses, (QList<int> {200, 200, 429}));
    // The bucket refills: a second later one more is let in.
    QVERIFY(retryUntil([&] { return http::call(server.url(), "GET", "/healthz").status == 200; }));
    QCOMPARE(server.stop(), 0);
}

void tst_Limits::failedLoginsPerAccountSlowThenRefuse()
{
    ServerProcess server({u"--login-failures-per-account"_s, u"5"_s, u"--login-lockout-s"_s,
        u"60"_s, u"--login-failures-per-ip"_s, u"0"_s});
    QVERIFY(server.start());
    {
        TestClient owner;
        QVERIFY(owner.connectTo(server.url()));
        QCOMPARE(owner.registerUser(u"carol"_s).value(u"type"_s), u"welcome"_s);
    }
    // The same answers for an account that exists and one that does not.
    for (const QString& name : {u"carol"_s, u"nobody"_s}) {
        QElapsedTimer timer;
        for (int i = 1; i <= 5; ++i) {
            TestClient guesser;
            QVERIFY(guesser.connectTo(server.url()));
            timer.start();
            const QJsonObject answer = guesser.login(name, u"wrong-password"_s);
            QVERIFY(checks::isError(answer, u"auth_failed"_s));
            if (i == 5) // failures 4 and 5 wait 250 and 500 ms
                QVERIFY2(timer.elapsed() >= 450, qPrintable(QString::number(timer.elapsed())));
            QVERIFY(guesser.awaitClosed());
            QCOMPARE(guesser.closeCode(), 4401);
        }
        // Locked: even the right password is refused, with the time to wait.
        TestClient late;
        QVERIFY(late.connectTo(server.url()));
        const QJsonObject refused = late.login(name, u"password123"_s);
        QVERIFY(checks::isError(refused, u"rate_limited"_s));
        QVERIFY(refused.value(u"retry_after_ms"_s).toInteger() > 50'000);
        QCOMPARE(
            refused.value(u"message"_s).toString(), u"too many failed logins; try again later"_s);
        QVERIFY(late.awaitClosed());
        QCOMPARE(late.closeCode(), 4401);
    }
    // Other accounts are not affected.
    TestClient dave;
    QVERIFY(dave.connectTo(server.url()));
    QCOMPARE(dave.registerUser(u"dave"_s).value(u"type"_s), u"welcome"_s);
    TestClient daveAgain;
    QVERIFY(daveAgain.connectTo(server.url()));
    QCOMPARE(daveAgain.login(u"dave"_s).value(u"type"_s), u"welcome"_s);
    QCOMPARE(server.stop(), 0);
}

void tst_Limits::failedLoginsPerAddress()
{
    ServerProcess server(
        {u"--login-failures-per-ip"_s, u"3"_s, u"--login-failures-per-account"_s, u"0"_s});
    QVERIFY(server.start());
    {
        TestClient owner;
        QVERIFY(owner.connectTo(server.url()));
        QCOMPARE(owner.registerUser(u"erin"_s).value(u"type"_s), u"welcome"_s);
    }
    for (int i = 0; i < 3; ++i) { // a scan over usernames from one address
        TestClient scanner;
        QVERIFY(scanner.connectTo(server.url()));
        QVERIFY(checks::isError(scanner.login(u"user%1"_s.arg(i), u"x"_s), u"auth_failed"_s));
    }
    TestClient erin;
    QVERIFY(erin.connectTo(server.url()));
    QVERIFY(checks::isError(erin.login(u"erin"_s), u"rate_limited"_s));
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_Limits)
#include "tst_limits.moc"
