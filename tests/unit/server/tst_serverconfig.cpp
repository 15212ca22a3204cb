// Command line and environment parsing of palaver-server.
#include "server/config/serverconfig.h"

#include <QTest>

using namespace palaver::server;
using namespace Qt::StringLiterals;

class tst_ServerConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults();
    void flags();
    void environmentAndPrecedence();
    void rejects_data();
    void rejects();
    void helpAndVersion();
};

void tst_ServerConfig::defaults()
{
    qunsetenv("PALAVER_LISTEN");
    const auto parsed = parseServerConfig({u"palaver-server"_s});
    const auto& config = std::get<ServerConfig>(parsed);
    QCOMPARE(config.port, 8765);
    QCOMPARE(config.host, QHostAddress(QHostAddress::Any));
    QCOMPARE(config.ratePerS, 5);
    QCOMPARE(config.burst, 20);
    QCOMPARE(config.authTimeoutMs, 10000);
    QVERIFY(!config.dataDir.isEmpty());
}

void tst_ServerConfig::flags()
{
    const auto parsed = parseServerConfig({u"palaver-server"_s, u"--listen"_s, u"[::1]:9000"_s,
        u"--data-dir"_s, u"/tmp/x"_s, u"--rate-per-s"_s, u"7"_s, u"--burst"_s, u"9"_s});
    const auto& config = std::get<ServerConfig>(parsed);
    QCOMPARE(config.host, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(config.port, 9000);
    QCOMPARE(config.dataDir, u"/tmp/x"_s);
    QCOMPARE(config.ratePerS, 7);
    QCOMPARE(config.burst, 9);
}

void tst_ServerConfig::environmentAndPrecedence()
{
    qputenv("PALAVER_LISTEN", "127.0.0.1:7000");
    qputenv("PALAVER_BURST", "33");
    auto parsed = parseServerConfig({u"palaver-server"_s});
    QCOMPARE(std::get<ServerConfig>(parsed).port, 7000);
    QCOMPARE(std::get<ServerConfig>(parsed).burst, 33);
    parsed = parseServerConfig({u"palaver-server"_s, u"--burst"_s, u"4"_s});
    QCOMPARE(std::get<ServerConfig>(parsed).burst, 4); // flags win
    qunsetenv("PALAVER_LISTEN");
    qunsetenv("PALAVER_BURST");
}

void tst_ServerConfig::rejects_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no port") << QStringList {u"--listen"_s, u"localhost"_s};
    QTest::newRow("port too big") << QStringList {u"--listen"_s, u"127.0.0.1:70000"_s};
    QTest::newRow("zero rate") << QStringList {u"--rate-per-s"_s, u"0"_s};
    QTest::newRow("text burst") << QStringList {u"--burst"_s, u"many"_s};
    QTest::newRow("unknown flag") << QStringList {u"--frobnicate"_s};
    QTest::newRow("stray argument") << QStringList {u"serve"_s};
}

void tst_ServerConfig::rejects()
{
    QFETCH(QStringList, args);
    const auto parsed = parseServerConfig(QStringList {u"palaver-server"_s} + args);
    const auto* exit = std::get_if<ConfigExit>(&parsed);
    QVERIFY(exit);
    QCOMPARE(exit->exitCode, 2);
    QVERIFY(!exit->text.isEmpty());
}

void tst_ServerConfig::helpAndVersion()
{
    auto parsed = parseServerConfig({u"palaver-server"_s, u"--help"_s});
    QCOMPARE(std::get<ConfigExit>(parsed).exitCode, 0);
    for (const char* option : {"--listen", "--data-dir", "--rate-per-s", "--burst"})
        QVERIFY(std::get<ConfigExit>(parsed).text.contains(QLatin1String(option)));
    parsed = parseServerConfig({u"palaver-server"_s, u"--version"_s});
    QVERIFY(std::get<ConfigExit>(parsed).text.startsWith(u"palaver-server 0."_s));
}

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
