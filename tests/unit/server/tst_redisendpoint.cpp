// Redis URLs and the reconnect backoff: no server needed.
#include "server/bus/redisbackoff.h"
#include "server/bus/redisendpoint.h"

#include <QTest>

using namespace palaver::server;

class tst_RedisEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoff();
    void parseUrl_data();
    void parseUrl();
};

void tst_RedisEndpoint::backoff()
{
    palaver::server::RedisBackoff backoff;
    // Each step lies in the upper half of 100, 200, 400 … ms, capped at 5 s.
    for (const int ceiling : {100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000}) {
        const int delay = backoff.nextDelayMs();
        QVERIFY2(delay >= ceiling / 2 && delay <= ceiling, qPrintable(QString::number(delay)));
    }
    backoff.reset();
    QVERIFY(backoff.nextDelayMs() <= 100);
}

void tst_RedisEndpoint::parseUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");

    QTest::newRow("host and port")
        << "redis://redis.internal:6380" << true << "redis.internal" << 6380 << ""
        << "";
    QTest::newRow("default port") << "redis://10.0.0.5" << true << "10.0.0.5" << 6379 << ""
                                  << "";
    QTest::newRow("trailing slash") << "redis://h:1/" << true << "h" << 1 << ""
                                    << "";
    QTest::newRow("password") << "redis://:s3cret@h:7000" << true << "h" << 7000 << ""
                              << "s3cret";
    QTest::newRow("user and password") << "redis://bus:pw@h:7000" << true << "h" << 7000 << "bus"
                                       << "pw";
    QTest::newRow("percent-encoded password")
        << "redis://:p%40ss%3Aw%2Fo%25rd@h:7000" << true << "h" << 7000 << ""
        << "p@ss:w/o%rd";
    QTest::newRow("ipv6") << "redis://[::1]:6379" << true << "::1" << 6379 << ""
                          << "";
    QTest::newRow("upper-case scheme") << "REDIS://h:1" << true << "h" << 1 << ""
                                       << "";

    QTest::newRow("empty") << "" << false << "" << 0 << ""
                           << "";
    QTest::newRow("no scheme") << "h:6379" << false << "" << 0 << ""
                               << "";
    QTest::newRow("other scheme") << "rediss://h:6379" << false << "" << 0 << ""
                                  << "";
    QTest::newRow("http") << "http://h:6379" << false << "" << 0 << ""
                          << "";
    QTest::newRow("no host") << "redis://:6379" << false << "" << 0 << ""
                             << "";
    QTest::newRow("port zero") << "redis://h:0" << false << "" << 0 << ""
                               << "";
    QTest::newRow("port too big") << "redis://h:65536" << false << "" << 0 << ""
                                  << "";
    QTest::newRow("port not a number") << "redis://h:abc" << false << "" << 0 << ""
                                       << "";
    QTest::newRow("database path") << "redis://h:6379/2" << false << "" << 0 << ""
                                   << "";
    QTest::newRow("query") << "redis://h:6379?db=2" << false << "" << 0 << ""
                           << "";
    QTest::newRow("user without password") << "redis://word@h" << false << "" << 0 << ""
                                           << "";
    QTest::newRow("bad percent escape") << "redis://:%zz@h" << false << "" << 0 << ""
                                        << "";
}

void tst_RedisEndpoint::parseUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    const auto endpoint = parseRedisUrl(url);
    QCOMPARE(endpoint.has_value(), valid);
    if (!valid)
        return;
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QCOMPARE(endpoint->host, host);
    QCOMPARE(int(endpoint->port), port);
    QCOMPARE(endpoint->user, user);
    QCOMPARE(endpoint->password, password);
}

QTEST_GUILESS_MAIN(tst_RedisEndpoint)
#include "tst_redisendpoint.moc"
