// Authentication: register, login, resume, logout, the auth deadline and its close codes.
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Auth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void registerWelcomes();
    void registerRejects_data();
    void registerRejects();
    void takenUsernameConflicts();
    void loginWithRightAndWrongPassword();
    void usernamesAreCaseInsensitive();
    void resumeWithToken();
    void resumeWithUnknownTokenFails();
    void logoutRevokesToken();
    void firstFrameMustAuthenticate();
    void unsupportedProtocolCloses4400();
    void framesPipelinedBehindAuthAreServed();
    void pingPong();
    void authDeadlineCloses4401();

private:
    std::unique_ptr<ServerProcess> m_server;
};

void tst_Auth::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList {u"--auth-timeout-ms"_s, u"1500"_s});
    QVERIFY(m_server->start());
}

void tst_Auth::cleanupTestCase()
{
    QCOMPARE(m_server->stop(), 0);
}

void tst_Auth::registerWelcomes()
{
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    const QJsonObject welcome =
        c.request({{u"type"_s, u"register"_s}, {u"protocol"_s, 1}, {u"username"_s, u"ada"_s},
            {u"password"_s, u"correct horse"_s}, {u"display_name"_s, u"Ada L."_s}});
    QVERIFY2(welcome.value(u"type"_s).toString() == u"welcome"_s,
        QJsonDocument(welcome).toJson().constData());
    const QJsonObject user = welcome.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"username"_s).toString(), u"ada"_s);
    QCOMPARE(user.value(u"display_name"_s).toString(), u"Ada L."_s);
    QVERIFY(!user.value(u"id"_s).toString().isEmpty());
    QVERIFY(welcome.value(u"token"_s).toString().size() >= 22); // >= 128 bits in base64
    const QJsonObject limits = welcome.value(u"server"_s).toObject().value(u"limits"_s).toObject();
    QCOMPARE(limits.value(u"max_text"_s).toInt(), 4000);
    QCOMPARE(limits.value(u"rate_per_s"_s).toInt(), 5);
    QCOMPARE(limits.value(u"burst"_s).toInt(), 20);
    QCOMPARE(limits.value(u"history_page"_s).toInt(), 200);
}

void tst_Auth::registerRejects_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QJsonValue>("password");
    QTest::addColumn<QString>("code");
    QTest::newRow("short name") << u"ab"_s << QJsonValue(u"password123"_s) << u"bad_request"_s;
    QTest::newRow("long name") << QString(33, u'a') << QJsonValue(u"password123"_s)
                               << u"bad_request"_s;
    QTest::newRow("bad chars") << u"a b!"_s << QJsonValue(u"password123"_s) << u"bad_request"_s;
    QTest::newRow("short password") << u"bob"_s << QJsonValue(u"1234567"_s) << u"bad_request"_s;
    QTest::newRow("password not string") << u"bob"_s << QJsonValue(12345678) << u"bad_request"_s;
}

void tst_Auth::registerRejects()
{
    QFETCH(QString, username);
    QFETCH(QJsonValue, password);
    QFETCH(QString, code);
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    const QJsonObject answer = c.request({{u"type"_s, u"register"_s}, {u"protocol"_s, 1},
        {u"username"_s, username}, {u"password"_s, password}});
    QCOMPARE(answer.value(u"type"_s).toString(), u"error"_s);
    QCOMPARE(answer.value(u"code"_s).toString(), code);
    QVERIFY(c.awaitClosed());
    QCOMPARE(c.closeCode(), 4401);
    // Nothing was created: the name is still free.
    TestClient again;
    QVERIFY(again.connectTo(m_server->url()));
    if (code == u"bad_request"_s && username == u"bob"_s)
        QCOMPARE(again
                     .registerUser(
                         u"bob_"_s + QString::number(QRandomGenerator::global()->bounded(100000)))
                     .value(u"type"_s)
                     .toString(),
            u"welcome"_s);
}

void tst_Auth::takenUsernameConflicts()
{
    TestClient a;
    QVERIFY(a.connectTo(m_server->url()));
    QCOMPARE(a.registerUser(u"grace"_s).value(u"type"_s).toString(), u"welcome"_s);
    TestClient b;
    QVERIFY(b.connectTo(m_server->url()));
    const QJsonObject answer = b.registerUser(u"GRACE"_s);
    QCOMPARE(answer.value(u"code"_s).toString(), u"conflict"_s);
    QVERIFY(b.awaitClosed());
    QCOMPARE(b.closeCode(), 4401);
}

void tst_Auth::loginWithRightAndWrongPassword()
{
    TestClient r;
    QVERIFY(r.connectTo(m_server->url()));
    QCOMPARE(
        r.registerUser(u"linus"_s, u"secret-pass"_s).value(u"type"_s).toString(), u"welcome"_s);

    TestClient ok;
    QVERIFY(ok.connectTo(m_server->url()));
    const QJsonObject welcome = ok.login(u"linus"_s, u"secret-pass"_s);
    QCOMPARE(welcome.value(u"type"_s).toString(), u"welcome"_s);
    QCOMPARE(ok.userId, r.userId);
    QVERIFY(ok.token != r.token); // each device gets its own token

    for (const auto& [name, password] :
        {std::pair {u"linus"_s, u"wrong-pass"_s}, std::pair {u"nobody"_s, u"secret-pass"_s}}) {
        TestClient bad;
        QVERIFY(bad.connectTo(m_server->url()));
        const QJsonObject error = bad.login(name, password);
        QCOMPARE(error.value(u"code"_s).toString(), u"auth_failed"_s);
        // The same words whether or not the account exists.
        QCOMPARE(error.value(u"message"_s).toString(), u"wrong username or password"_s);
        QVERIFY(bad.awaitClosed());
        QCOMPARE(bad.closeCode(), 4401);
    }
}

void tst_Auth::usernamesAreCaseInsensitive()
{
    TestClient r;
    QVERIFY(r.connectTo(m_server->url()));
    QCOMPARE(
        r.registerUser(u"Mixed.Case"_s).value(u"user"_s).toObject().value(u"username"_s).toString(),
        u"mixed.case"_s);
    TestClient l;
    QVERIFY(l.connectTo(m_server->url()));
    QCOMPARE(l.login(u"MIXED.CASE"_s).value(u"type"_s).toString(), u"welcome"_s);
    QCOMPARE(l.userId, r.userId);
}

void tst_Auth::resumeWithToken()
{
    TestClient r;
    QVERIFY(r.connectTo(m_server->url()));
    r.registerUser(u"resumer"_s);
    r.close();
    TestClient again;
    QVERIFY(again.connectTo(m_server->url()));
    const QJsonObject welcome = again.resume(r.token);
    QCOMPARE(welcome.value(u"type"_s).toString(), u"welcome"_s);
    QCOMPARE(again.userId, r.userId);
    QCOMPARE(welcome.value(u"token"_s).toString(), r.token);
}

void tst_Auth::resumeWithUnknownTokenFails()
{
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    QCOMPARE(c.resume(u"not-a-token"_s).value(u"code"_s).toString(), u"auth_failed"_s);
    QVERIFY(c.awaitClosed());
    QCOMPARE(c.closeCode(), 4401);
}

void tst_Auth::logoutRevokesToken()
{
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    c.registerUser(u"leaver"_s);
    QCOMPARE(c.request({{u"type"_s, u"logout"_s}}).value(u"type"_s).toString(), u"ok"_s);
    QVERIFY(c.awaitClosed());
    TestClient again;
    QVERIFY(again.connectTo(m_server->url()));
    QCOMPARE(again.resume(c.token).value(u"code"_s).toString(), u"auth_failed"_s);
}

void tst_Auth::firstFrameMustAuthenticate()
{
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    const QJsonObject answer = c.request({{u"type"_s, u"rooms"_s}});
    QCOMPARE(answer.value(u"code"_s).toString(), u"auth_failed"_s);
    QVERIFY(c.awaitClosed());
    QCOMPARE(c.closeCode(), 4401);
}

void tst_Auth::unsupportedProtocolCloses4400()
{
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    const QJsonObject answer = c.request({{u"type"_s, u"register"_s}, {u"protocol"_s, 2},
        {u"username"_s, u"future"_s}, {u"password"_s, u"password123"_s}});
    QCOMPARE(answer.value(u"code"_s).toString(), u"unsupported_protocol"_s);
    QVERIFY(c.awaitClosed());
    QCOMPARE(c.closeCode(), 4400);
}

void tst_Auth::framesPipelinedBehindAuthAreServed()
{
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    const int reg = c.send({{u"type"_s, u"register"_s}, {u"protocol"_s, 1},
        {u"username"_s, u"eager"_s}, {u"password"_s, u"password123"_s}});
    const int rooms = c.send({{u"type"_s, u"rooms"_s}});
    QCOMPARE(c.awaitAnswer(reg).value(u"type"_s).toString(), u"welcome"_s);
    const QJsonObject answer = c.awaitAnswer(rooms);
    QCOMPARE(answer.value(u"type"_s).toString(), u"rooms"_s);
    QVERIFY(answer.value(u"rooms"_s).toArray().isEmpty());
}

void tst_Auth::pingPong()
{
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    c.registerUser(u"pinger"_s);
    QCOMPARE(c.request({{u"type"_s, u"ping"_s}, {u"id"_s, u"abc"_s}}).value(u"type"_s).toString(),
        u"pong"_s);
    // String ids are echoed as strings.
    const int before = int(c.frames.size());
    c.sendRaw(uR"({"type":"ping","id":"s-1"})"_s);
    QTRY_VERIFY(c.frames.size() > before);
    QCOMPARE(c.frames.last().value(u"re"_s).toString(), u"s-1"_s);
}

void tst_Auth::authDeadlineCloses4401()
{
    // The server under test runs with a 1.5 s deadline (the default is the contract's 10 s).
    TestClient c;
    QVERIFY(c.connectTo(m_server->url()));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(c.awaitClosed(10000));
    QCOMPARE(c.closeCode(), 4401);
    QVERIFY2(timer.elapsed() >= 1000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(tst_Auth)
#include "tst_auth.moc"
