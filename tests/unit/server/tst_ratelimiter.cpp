// Token buckets: burst, refill, retry hints, separate buckets per kind of request.
#include "server/core/ratelimiter.h"

#include <QTest>

using palaver::server::RateLimiter;

class tst_RateLimiter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void burstThenRefill();
    void bucketsAreSeparate();
    void usersAreSeparate();
};

void tst_RateLimiter::burstThenRefill()
{
    RateLimiter limiter(5, 20);
    for (int i = 0; i < 20; ++i)
        QVERIFY(!limiter.take(1, RateLimiter::Bucket::Message, 1000));
    const auto retry = limiter.take(1, RateLimiter::Bucket::Message, 1000);
    QVERIFY(retry);
    QCOMPARE(*retry, 200); // one token every 200 ms at 5/s
    QVERIFY(limiter.take(1, RateLimiter::Bucket::Message, 1199));
    QVERIFY(!limiter.take(1, RateLimiter::Bucket::Message, 1200));
    // A long pause refills only up to the burst.
    for (int i = 0; i < 20; ++i)
        QVERIFY(!limiter.take(1, RateLimiter::Bucket::Message, 100000));
    QVERIFY(limiter.take(1, RateLimiter::Bucket::Message, 100000));
}

void tst_RateLimiter::bucketsAreSeparate()
{
    RateLimiter limiter(5, 20);
    for (int i = 0; i < 20; ++i)
        QVERIFY(!limiter.take(1, RateLimiter::Bucket::Message, 0));
    QVERIFY(limiter.take(1, RateLimiter::Bucket::Message, 0));
    // Reading and typing still work while sends are throttled, and are looser.
    for (int i = 0; i < 80; ++i)
        QVERIFY(!limiter.take(1, RateLimiter::Bucket::Read, 0));
    for (int i = 0; i < 40; ++i)
        QVERIFY(!limiter.take(1, RateLimiter::Bucket::Typing, 0));
}

void tst_RateLimiter::usersAreSeparate()
{
    RateLimiter limiter(1, 1);
    QVERIFY(!limiter.take(1, RateLimiter::Bucket::Message, 0));
    QVERIFY(limiter.take(1, RateLimiter::Bucket::Message, 0));
    QVERIFY(!limiter.take(2, RateLimiter::Bucket::Message, 0));
    limiter.forget(1);
    QVERIFY(!limiter.take(1, RateLimiter::Bucket::Message, 0));
}

QTEST_GUILESS_MAIN(tst_RateLimiter)
#include "tst_ratelimiter.moc"
