// ReconnectPolicy: exponential backoff with full jitter, capped, reset on success, immediate
// when the network comes back. The random source is injected, so every delay is exact.
#include "client/net/reconnectpolicy.h"

#include <QTest>

using palaver::client::ReconnectPolicy;
using namespace std::chrono_literals;

class tst_ReconnectPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void delays_data();
    void delays();
    void resetStartsOver();
    void nowIsImmediateAndResets();
    void defaultRandomStaysInBounds();
};

void tst_ReconnectPolicy::delays_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<QList<qint64>>("expected");
    // The ceiling doubles from 1 s to the 30 s cap; the floor of 0.5 s holds at random 0.
    QTest::newRow("top of the range")
        << 1.0 << QList<qint64> {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    QTest::newRow("bottom of the range") << 0.0 << QList<qint64> {500, 500, 500, 500, 500};
    QTest::newRow("middle") << 0.5 << QList<qint64> {750, 1250, 2250, 4250, 8250, 15250, 15250};
}

void tst_ReconnectPolicy::delays()
{
    QFETCH(double, random);
    QFETCH(QList<qint64>, expected);
    ReconnectPolicy policy([random] { return random; });
    QList<qint64> delays;
    for (int i = 0; i < expected.size(); ++i)
        delays.append(policy.nextDelay().count());
    QCOMPARE(delays, expected);
    QCOMPARE(policy.attempts(), expected.size());
}

void tst_ReconnectPolicy::resetStartsOver()
{
    ReconnectPolicy policy([] { return 1.0; });
    policy.nextDelay();
    policy.nextDelay();
    QCOMPARE(policy.nextDelay(), 4000ms);
    policy.reset();
    QCOMPARE(policy.attempts(), 0);
    QCOMPARE(policy.nextDelay(), 1000ms);
}

void tst_ReconnectPolicy::nowIsImmediateAndResets()
{
    ReconnectPolicy policy([] { return 1.0; });
    for (int i = 0; i < 10; ++i)
        policy.nextDelay();
    QCOMPARE(policy.now(), 0ms);
    QCOMPARE(policy.nextDelay(), 1000ms);
}

void tst_ReconnectPolicy::defaultRandomStaysInBounds()
{
    ReconnectPolicy policy;
    for (int i = 0; i < 200; ++i) {
        const auto delay = policy.nextDelay();
        QVERIFY(delay >= ReconnectPolicy::kFloor);
        QVERIFY(delay <= ReconnectPolicy::kCap);
    }
}

QTEST_GUILESS_MAIN(tst_ReconnectPolicy)
#include "tst_reconnectpolicy.moc"
