// RedisClient against a real redis-server (RedisProcess): commands, pub/sub, AUTH, and what
// happens when Redis dies, comes back, or never answers.
#include "server/bus/redisclient.h"
#include "tests/support/redisprocess.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using palaver::server::parseRedisUrl;
using palaver::server::RedisClient;
using palaver::server::RedisEndpoint;
using palaver::server::RedisReply;
using Kind = palaver::server::RedisReply::Kind;

namespace {
constexpr int kReadyMs = 15000; // covers a few backoff steps (5 s cap)

struct Outcome
{
    bool done = false;
    int calls = 0;
    RedisReply reply;
};

// Sends a command; the outcome fills in when its callback runs.
std::shared_ptr<Outcome> send(RedisClient& client, const QList<QByteArray>& args)
{
    auto outcome = std::make_shared<Outcome>();
    client.command(args, [outcome](const RedisReply& reply) {
        outcome->done = true;
        ++outcome->calls;
        outcome->reply = reply;
    });
    return outcome;
}

// Sends and waits; a Failed reply with done == false means it timed out.
RedisReply call(RedisClient& client, const QList<QByteArray>& args)
{
    const auto outcome = send(client, args);
    if (!QTest::qWaitFor([&] { return outcome->done; }, 10000))
        qWarning("no reply within 10 s");
    return outcome->reply;
}

std::unique_ptr<RedisClient> makeClient(const QString& url)
{
    const auto endpoint = parseRedisUrl(url);
    if (!endpoint)
        return nullptr;
    auto client = std::make_unique<RedisClient>(*endpoint);
    client->start();
    return client;
}

QByteArray allBytes(int size)
{
    QByteArray data(size, '\0');
    for (int i = 0; i < size; ++i)
        data[i] = char((i * 7 + i / 256) & 0xff);
    return data;
}

// A listening socket whose accept queue is full: the kernel drops further SYNs, so a connect
// to it hangs the way one to a firewalled host does.
class BlackHole
{
public:
    BlackHole()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::listen(m_listener, 0) != 0 ||
            ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
        // With a backlog of 0 one queued connection makes the queue full.
        m_filler = ::socket(AF_INET, SOCK_STREAM, 0);
        if (::connect(m_filler, reinterpret_cast<sockaddr*>(&address), length) != 0)
            m_port = 0;
    }
    ~BlackHole() { close(); }
    void close()
    {
        for (int* fd : {&m_filler, &m_listener}) {
            if (*fd >= 0)
                ::close(*fd);
            *fd = -1;
        }
    }
    quint16 port() const { return m_port; }

private:
    int m_listener = -1;
    int m_filler = -1;
    quint16 m_port = 0;
};
} // namespace

class tst_RedisClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commands();
    void hostName();
    void binaryAndLargeValues();
    void arrayReply();
    void manyRepliesInOrder();
    void publishSubscribe();
    void passwordAccepted();
    void passwordRefused();
    void killAndRestart();
    void retriesUntilServerAppears();
    void connectTimeout();
    void destroyWhileConnecting();
    void destroyWithPendingCommands();
    void destroyFromCallback();

private:
    RedisProcess m_redis;
};

void tst_RedisClient::initTestCase()
{
    QVERIFY2(!RedisProcess::binary().isEmpty(),
        "redis-server is not installed (packages.txt lists it); these tests need it");
    QVERIFY(m_redis.start());
}

void tst_RedisClient::commands()
{
    const auto client = makeClient(m_redis.url());
    QSignalSpy ready(client.get(), &RedisClient::ready);
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    QCOMPARE(ready.count(), 1);

    RedisReply reply = call(*client, {"SET", "tst:key", "value"});
    QCOMPARE(reply.kind, Kind::Status);
    QCOMPARE(reply.string, QByteArray("OK"));
    reply = call(*client, {"GET", "tst:key"});
    QCOMPARE(reply.kind, Kind::String);
    QCOMPARE(reply.string, QByteArray("value"));
    reply = call(*client, {"GET", "tst:missing"});
    QCOMPARE(reply.kind, Kind::Nil);
    QVERIFY(reply.ok());
    call(*client, {"DEL", "tst:counter"});
    reply = call(*client, {"INCR", "tst:counter"});
    QCOMPARE(reply.kind, Kind::Integer);
    QCOMPARE(reply.integer, 1);
    reply = call(*client, {"INCRBY", "tst:counter", "41"});
    QCOMPARE(reply.integer, 42);
    reply = call(*client, {"NOSUCHCOMMAND"});
    QCOMPARE(reply.kind, Kind::Error);
    QVERIFY(!reply.ok());
    QVERIFY(reply.string.contains("unknown command"));
    // An empty command is not sent at all.
    reply = call(*client, {});
    QCOMPARE(reply.kind, Kind::Failed);
}

void tst_RedisClient::hostName()
{
    // localhost may resolve to ::1 first while this Redis listens on 127.0.0.1 only.
    const auto client = makeClient(QStringLiteral("redis://localhost:%1").arg(m_redis.port()));
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    QCOMPARE(call(*client, {"PING"}).string, QByteArray("PONG"));
}

void tst_RedisClient::binaryAndLargeValues()
{
    const auto client = makeClient(m_redis.url());
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    const QByteArray binaryKey("tst:\0\r\n\xff", 8);
    const QByteArray binary = allBytes(256);
    QCOMPARE(call(*client, {"SET", binaryKey, binary}).kind, Kind::Status);
    QCOMPARE(call(*client, {"GET", binaryKey}).string, binary);

    for (const int size : {1 << 20, (1 << 20) * 3 + 17}) {
        const QByteArray large = allBytes(size);
        QCOMPARE(call(*client, {"SET", "tst:large", large}).kind, Kind::Status);
        const RedisReply reply = call(*client, {"GET", "tst:large"});
        QCOMPARE(reply.kind, Kind::String);
        QCOMPARE(reply.string.size(), large.size());
        QVERIFY(reply.string == large);
    }
}

void tst_RedisClient::arrayReply()
{
    const auto client = makeClient(m_redis.url());
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    const RedisReply reply = call(*client,
        {"EVAL", "return {1, 'two', {3, ARGV[1]}, redis.status_reply('FINE')}", "0",
            QByteArray("x\0y", 3)});
    QCOMPARE(reply.kind, Kind::Array);
    QCOMPARE(reply.elements.size(), 4);
    QCOMPARE(reply.elements[0].kind, Kind::Integer);
    QCOMPARE(reply.elements[0].integer, 1);
    QCOMPARE(reply.elements[1].kind, Kind::String);
    QCOMPARE(reply.elements[1].string, QByteArray("two"));
    QCOMPARE(reply.elements[2].kind, Kind::Array);
    QCOMPARE(reply.elements[2].elements.size(), 2);
    QCOMPARE(reply.elements[2].elements[0].integer, 3);
    QCOMPARE(reply.elements[2].elements[1].string, QByteArray("x\0y", 3));
    QCOMPARE(reply.elements[3].kind, Kind::Status);
    QCOMPARE(reply.elements[3].string, QByteArray("FINE"));
}

void tst_RedisClient::manyRepliesInOrder()
{
    const auto client = makeClient(m_redis.url());
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    QVERIFY(call(*client, {"DEL", "tst:order"}).ok());
    constexpr int count = 5000;
    QList<qint64> seen;
    for (int i = 0; i < count; ++i)
        client->command(
            {"INCR", "tst:order"}, [&seen](const RedisReply& r) { seen.append(r.integer); });
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), count, 20000);
    for (int i = 0; i < count; ++i)
        QCOMPARE(seen[i], qint64(i + 1));
}

void tst_RedisClient::publishSubscribe()
{
    const auto receiver = makeClient(m_redis.url());
    const auto sender = makeClient(m_redis.url());
    const QByteArray binaryChannel("tst:\0bin", 8);
    receiver->subscribe("tst:chat");
    receiver->subscribe(binaryChannel);
    receiver->subscribe("tst:chat"); // twice is once
    QSignalSpy messages(receiver.get(), &RedisClient::message);
    QTRY_VERIFY_WITH_TIMEOUT(receiver->isReady(), kReadyMs);
    QTRY_VERIFY_WITH_TIMEOUT(sender->isReady(), kReadyMs);

    QVERIFY(sender->publish("tst:chat", "hello"));
    const QByteArray large = allBytes(1 << 20);
    QVERIFY(sender->publish(binaryChannel, large));
    QVERIFY(sender->publish("tst:unheard", "nobody listens"));
    QTRY_COMPARE(messages.count(), 2);
    QCOMPARE(messages[0][0].toByteArray(), QByteArray("tst:chat"));
    QCOMPARE(messages[0][1].toByteArray(), QByteArray("hello"));
    QCOMPARE(messages[1][0].toByteArray(), binaryChannel);
    QVERIFY(messages[1][1].toByteArray() == large);

    // A subscription made while ready is confirmed without another ready().
    QSignalSpy ready(receiver.get(), &RedisClient::ready);
    QSignalSpy subscribed(receiver.get(), &RedisClient::subscribed);
    receiver->subscribe("tst:later");
    QVERIFY(!receiver->isReady());
    QTRY_COMPARE(subscribed.count(), 1);
    QVERIFY(receiver->isReady());
    QVERIFY(sender->publish("tst:later", "late"));
    QTRY_COMPARE(messages.count(), 3);
    QCOMPARE(messages[2][1].toByteArray(), QByteArray("late"));
    QCOMPARE(ready.count(), 0);
    QCOMPARE(sender->droppedPublishes(), quint64(0));
}

void tst_RedisClient::passwordAccepted()
{
    RedisProcess secured(QStringLiteral("p@ss word:/%"));
    QVERIFY(secured.start());
    QVERIFY(secured.url().contains(QLatin1String("%40")));
    const auto client = makeClient(secured.url());
    QVERIFY(client);
    client->subscribe("tst:auth");
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    QCOMPARE(call(*client, {"PING"}).string, QByteArray("PONG"));
}

void tst_RedisClient::passwordRefused()
{
    RedisProcess secured(QStringLiteral("right"));
    QVERIFY(secured.start());
    RedisEndpoint endpoint = *parseRedisUrl(secured.url());
    endpoint.password = QStringLiteral("wrong-secret");
    // The refusal is logged once per streak (repeats go to debug), without the password.
    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(QStringLiteral("^cannot connect to Redis .*authentication refused: "
                                          "WRONGPASS[^\\n]*\\(retrying\\)$")));
    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(QStringLiteral("^cannot connect to Redis .*authentication refused")));
    RedisClient client(endpoint);
    QSignalSpy ready(&client, &RedisClient::ready);
    client.start();
    // Both connections retry with backoff and never become ready.
    QTRY_VERIFY_WITH_TIMEOUT(client.reconnects() >= 4, kReadyMs);
    QCOMPARE(ready.count(), 0);
    QVERIFY(!client.isReady());
    QVERIFY(!client.publish("tst:x", "y"));
    QCOMPARE(client.droppedPublishes(), quint64(1));
    QCOMPARE(call(client, {"PING"}).kind, Kind::Failed);
}

void tst_RedisClient::killAndRestart()
{
    RedisProcess redis;
    QVERIFY(redis.start());
    const auto client = makeClient(redis.url());
    const auto sender = makeClient(redis.url());
    client->subscribe("tst:survivor");
    QSignalSpy ready(client.get(), &RedisClient::ready);
    QSignalSpy lost(client.get(), &RedisClient::lost);
    QSignalSpy messages(client.get(), &RedisClient::message);
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    QTRY_VERIFY_WITH_TIMEOUT(sender->isReady(), kReadyMs);
    QCOMPARE(ready.count(), 1);

    // BLPOP holds its reply back, so it is surely pending when Redis dies.
    const auto blocked = send(*client, {"BLPOP", "tst:never", "0"});
    bool blocking = false;
    for (int i = 0; i < 200 && !blocking; ++i)
        blocking = call(*sender, {"CLIENT", "LIST"}).string.contains("cmd=blpop");
    QVERIFY(blocking);
    QVERIFY(!blocked->done);
    redis.kill();
    QTRY_COMPARE(lost.count(), 1);
    QTRY_VERIFY(blocked->done);
    QCOMPARE(blocked->reply.kind, Kind::Failed);
    QCOMPARE(blocked->calls, 1);
    QVERIFY(!client->isReady());
    QVERIFY(!client->publish("tst:survivor", "into the void"));
    QCOMPARE(client->droppedPublishes(), quint64(1));
    QCOMPARE(call(*client, {"PING"}).kind, Kind::Failed);

    QVERIFY(redis.restart());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, kReadyMs);
    QVERIFY(client->isReady());
    QCOMPARE(lost.count(), 1);
    QCOMPARE(blocked->calls, 1);
    QVERIFY(client->reconnects() >= 2);
    QTRY_VERIFY_WITH_TIMEOUT(sender->isReady(), kReadyMs);
    QVERIFY(sender->publish("tst:survivor", "after restart"));
    QTRY_COMPARE(messages.count(), 1);
    QCOMPARE(messages[0][1].toByteArray(), QByteArray("after restart"));

    // A clean stop is a drop too.
    redis.stop();
    QTRY_COMPARE(lost.count(), 2);
}

void tst_RedisClient::retriesUntilServerAppears()
{
    RedisProcess later;
    {
        // Reserve a port nobody listens on; RedisProcess will start there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        later.setPort(probe.serverPort());
    }
    const auto client = makeClient(QStringLiteral("redis://127.0.0.1:%1").arg(later.port()));
    QSignalSpy ready(client.get(), &RedisClient::ready);
    QSignalSpy lost(client.get(), &RedisClient::lost);
    QTRY_VERIFY_WITH_TIMEOUT(client->reconnects() >= 6, kReadyMs);
    QCOMPARE(ready.count(), 0);
    QCOMPARE(lost.count(), 0); // never ready, so never lost
    QVERIFY(later.start());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kReadyMs);
    QCOMPARE(call(*client, {"PING"}).string, QByteArray("PONG"));
}

void tst_RedisClient::connectTimeout()
{
    BlackHole hole;
    QVERIFY(hole.port() != 0);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("connect timed out")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("connect timed out")));
    const auto client = makeClient(QStringLiteral("redis://127.0.0.1:%1").arg(hole.port()));
    // The event loop keeps running while the connects hang (this wait spins it).
    QTRY_VERIFY_WITH_TIMEOUT(client->reconnects() >= 2, 10000);
    QVERIFY(!client->isReady());

    // Where the black hole was a real server appears: the client finds it.
    hole.close();
    RedisProcess redis;
    redis.setPort(hole.port());
    QVERIFY(redis.start());
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
}

void tst_RedisClient::destroyWhileConnecting()
{
    BlackHole hole;
    QVERIFY(hole.port() != 0);
    auto hanging = makeClient(QStringLiteral("redis://127.0.0.1:%1").arg(hole.port()));
    auto refused = makeClient(QStringLiteral("redis://127.0.0.1:1"));
    auto named = makeClient(QStringLiteral("redis://localhost:%1").arg(m_redis.port()));
    QCoreApplication::processEvents();
    bool called = false;
    hanging->command({"PING"}, [&called](const RedisReply&) { called = true; });
    hanging.reset();
    refused.reset();
    named.reset();
    // A full round trip on another client spins the event loop past anything left queued.
    const auto other = makeClient(m_redis.url());
    QTRY_VERIFY_WITH_TIMEOUT(other->isReady(), kReadyMs);
    QCOMPARE(call(*other, {"PING"}).string, QByteArray("PONG"));
    QVERIFY(!called);
}

void tst_RedisClient::destroyWithPendingCommands()
{
    auto client = makeClient(m_redis.url());
    client->subscribe("tst:doomed");
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    int calls = 0;
    for (int i = 0; i < 100; ++i)
        client->command({"INCR", "tst:doomed"}, [&calls](const RedisReply&) { ++calls; });
    client->command({"BLPOP", "tst:never", "0"}, [&calls](const RedisReply&) { ++calls; });
    client->publish("tst:doomed", "bye");
    client.reset();
    const auto other = makeClient(m_redis.url());
    QTRY_VERIFY_WITH_TIMEOUT(other->isReady(), kReadyMs);
    QCOMPARE(call(*other, {"PING"}).string, QByteArray("PONG"));
    QCOMPARE(calls, 0);
}

void tst_RedisClient::destroyFromCallback()
{
    auto* client = makeClient(m_redis.url()).release();
    client->subscribe("tst:selfdestruct");
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), kReadyMs);
    int after = 0;
    bool destroyed = false;
    client->command({"PING"}, [&client, &destroyed](const RedisReply&) {
        delete client;
        client = nullptr;
        destroyed = true;
    });
    client->command({"PING"}, [&after](const RedisReply&) { ++after; });
    QTRY_VERIFY(destroyed);
    const auto other = makeClient(m_redis.url());
    QTRY_VERIFY_WITH_TIMEOUT(other->isReady(), kReadyMs);
    QCOMPARE(call(*other, {"PING"}).string, QByteArray("PONG"));
    QCOMPARE(after, 0);
}

// The server runs with QT_NO_GLIB=1 (Qt's own UNIX event dispatcher); so does this test, even
// when started by hand.
int main(int argc, char** argv)
{
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    tst_RedisClient test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_redisclient.moc"
