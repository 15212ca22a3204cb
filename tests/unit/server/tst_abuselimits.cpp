// The connection gate and the login throttle on their own, with a clock the test moves.
#include "server/auth/loginthrottle.h"
#include "server/net/connectiongate.h"

#include <QTest>

using namespace palaver::server;
using namespace Qt::StringLiterals;

class tst_AbuseLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gateCountsPerAddressAndTotal();
    void gateBucketRefills();
    void gateWithoutLimits();
    void throttleDelaysThenLocks();
    void throttleTreatsUnknownNamesAlike();
    void throttlePerAddressAndExpiry();

private:
    const QHostAddress a {u"192.0.2.1"_s};
    const QHostAddress b {u"192.0.2.2"_s};
};

void tst_AbuseLimits::gateCountsPerAddressAndTotal()
{
    ConnectionGate gate({3, 2, 0});
    QCOMPARE(gate.admit(a, 0), std::nullopt);
    QCOMPARE(gate.admit(a, 0), std::nullopt);
    QCOMPARE(gate.admit(a, 0), Refusal::PerIpLimit);
    QCOMPARE(gate.admit(b, 0), std::nullopt);
    QCOMPARE(gate.admit(b, 0), Refusal::TotalLimit);
    QCOMPARE(gate.total(), 3);
    gate.release(a);
    QCOMPARE(gate.admit(b, 0), std::nullopt); // b's second, the freed place
    QCOMPARE(gate.admit(a, 0), Refusal::TotalLimit);
}

void tst_AbuseLimits::gateBucketRefills()
{
    ConnectionGate gate({0, 0, 2}); // 2 per second, burst 4
    for (int i = 0; i < 4; ++i)
        QCOMPARE(gate.admit(a, 1000), std::nullopt);
    QCOMPARE(gate.admit(a, 1000), Refusal::HandshakeRate);
    QCOMPARE(gate.admit(b, 1000), std::nullopt); // another address has its own bucket
    QCOMPARE(gate.admit(a, 1400), Refusal::HandshakeRate); // 0.8 of a token
    QCOMPARE(gate.admit(a, 1500), std::nullopt);
    QCOMPARE(gate.admit(a, 1500), Refusal::HandshakeRate);
    // Pruning keeps addresses with connections and forgets refilled idle ones.
    for (int i = 0; i < 6; ++i)
        gate.release(a);
    gate.prune(100'000);
    QCOMPARE(gate.admit(a, 100'000), std::nullopt);
}

void tst_AbuseLimits::gateWithoutLimits()
{
    ConnectionGate gate({0, 0, 0});
    for (int i = 0; i < 10'000; ++i)
        QCOMPARE(gate.admit(a, 0), std::nullopt);
    QCOMPARE(gate.total(), 10'000);
}

void tst_AbuseLimits::throttleDelaysThenLocks()
{
    LoginThrottle throttle({6, 0, 60'000});
    QList<qint64> delays;
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(throttle.refusedFor(u"Carol"_s, a, 1000), std::nullopt);
        delays << throttle.failed(u"Carol"_s, a, 1000);
    }
    QCOMPARE(delays, (QList<qint64> {0, 0, 0, 250, 500, 1000}));
    QCOMPARE(throttle.refusedFor(u"carol"_s, b, 2000), 59'000); // any case, any address
    QCOMPARE(throttle.refusedFor(u"dave"_s, a, 2000), std::nullopt);
    QCOMPARE(throttle.refusedFor(u"carol"_s, a, 61'000), std::nullopt); // the lockout ends
    QCOMPARE(throttle.failed(u"carol"_s, a, 61'000), 0); // and the count starts again
}

void tst_AbuseLimits::throttleTreatsUnknownNamesAlike()
{
    // The throttle never learns whether an account exists, so it cannot tell either.
    LoginThrottle throttle({3, 0, 60'000});
    for (const QString& name : {u"exists"_s, u"ghost"_s}) {
        for (int i = 0; i < 3; ++i)
            throttle.failed(name, a, 0);
        QCOMPARE(throttle.refusedFor(name, a, 0), 60'000);
    }
    throttle.succeeded(u"exists"_s); // only a correct password clears a name
    QCOMPARE(throttle.refusedFor(u"exists"_s, a, 0), std::nullopt);
}

void tst_AbuseLimits::throttlePerAddressAndExpiry()
{
    LoginThrottle throttle({0, 3, 10'000});
    throttle.failed(u"u1"_s, a, 0);
    throttle.failed(u"u2"_s, a, 0);
    throttle.succeeded(u"u2"_s); // does not reset the address
    QCOMPARE(throttle.refusedFor(u"u3"_s, a, 0), std::nullopt);
    throttle.failed(u"u3"_s, a, 0);
    QCOMPARE(throttle.refusedFor(u"anyone"_s, a, 5'000), 5'000);
    QCOMPARE(throttle.refusedFor(u"anyone"_s, b, 5'000), std::nullopt);
    throttle.prune(20'000);
    QCOMPARE(throttle.refusedFor(u"anyone"_s, a, 20'000), std::nullopt);
}

QTEST_GUILESS_MAIN(tst_AbuseLimits)
#include "tst_abuselimits.moc"
