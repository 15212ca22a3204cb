// Command line and environment parsing of palaver-server.
#include "server/config/serverconfig.h"

#include <QFile>
#include <QTemporaryDir>
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
    void configFile();
    void configFileRejects_data();
    void configFileRejects();
    void hardeningOptions();
    void dataDirResolution();

private:
    QString writeIni(const QByteArray& text);
    QTemporaryDir m_dir;
    int m_files = 0;
};

QString tst_ServerConfig::writeIni(const QByteArray& text)
{
    const QString path = m_dir.filePath(u"c%1.ini"_s.arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return path;
}

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
    // Files live in the data folder unless told otherwise; the upload limits' defaults.
    QCOMPARE(config.filesDir, u"/tmp/x/files"_s);
    QCOMPARE(config.maxUploadBytes(), 25 * 1024 * 1024);
    QCOMPARE(config.quotaMib, 1024);
    const auto custom = parseServerConfig({u"palaver-server"_s, u"--files-dir"_s, u"/srv/f"_s,
        u"--max-upload-mib"_s, u"5"_s, u"--quota-mib"_s, u"0"_s});
    QCOMPARE(std::get<ServerConfig>(custom).filesDir, u"/srv/f"_s);
    QCOMPARE(std::get<ServerConfig>(custom).maxUploadMib, 5);
    QCOMPARE(std::get<ServerConfig>(custom).quotaBytes(), 0);
    QVERIFY(std::holds_alternative<ConfigExit>(
        parseServerConfig({u"palaver-server"_s, u"--max-upload-mib"_s, u"0"_s})));
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
    for (const char* option : {"--listen", "--data-dir", "--rate-per-s", "--burst",
             "--max-upload-mib", "--quota-mib", "--files-dir"})
        QVERIFY(std::get<ConfigExit>(parsed).text.contains(QLatin1String(option)));
    parsed = parseServerConfig({u"palaver-server"_s, u"--version"_s});
    QVERIFY(std::get<ConfigExit>(parsed).text.startsWith(u"palaver-server 0."_s));
}

void tst_ServerConfig::configFile()
{
    // '#' and ';' both start comments, even ones that look like a setting.
    const QString ini = writeIni("# tls-cert = /etc/palaver/cert.pem\n; tls-key = k.pem\n"
                                 "listen = 127.0.0.1:9100\nburst = 11\nrate-per-s = 3\n"
                                 "allowed-origins = https://a.example, https://b.example\n");
    auto parsed = parseServerConfig({u"palaver-server"_s, u"--config"_s, ini});
    auto config = std::get<ServerConfig>(parsed);
    QCOMPARE(config.port, 9100);
    QCOMPARE(config.burst, 11);
    QCOMPARE(config.allowedOrigins, (QStringList {u"https://a.example"_s, u"https://b.example"_s}));
    QVERIFY(config.tlsCertFile.isEmpty());
    // The environment beats the file, a flag beats both.
    qputenv("PALAVER_BURST", "12");
    qputenv("PALAVER_RATE_PER_S", "4");
    parsed =
        parseServerConfig({u"palaver-server"_s, u"--config"_s, ini, u"--rate-per-s"_s, u"5"_s});
    config = std::get<ServerConfig>(parsed);
    QCOMPARE(config.burst, 12);
    QCOMPARE(config.ratePerS, 5);
    qunsetenv("PALAVER_BURST");
    qunsetenv("PALAVER_RATE_PER_S");
    // PALAVER_CONFIG names the file when --config does not.
    qputenv("PALAVER_CONFIG", ini.toLocal8Bit());
    QCOMPARE(std::get<ServerConfig>(parseServerConfig({u"palaver-server"_s})).burst, 11);
    qunsetenv("PALAVER_CONFIG");
}

void tst_ServerConfig::configFileRejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown key") << QByteArray("lisen = 1.2.3.4:5\n")
                                 << u"unknown option 'lisen'"_s;
    QTest::newRow("bad number") << QByteArray("burst = lots\n") << u"--burst"_s;
    QTest::newRow("negative limit")
        << QByteArray("max-connections = -1\n") << u"--max-connections"_s;
    QTest::newRow("config in config") << QByteArray("config = x.ini\n") << u"unknown option"_s;
}

void tst_ServerConfig::configFileRejects()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const auto parsed = parseServerConfig({u"palaver-server"_s, u"--config"_s, writeIni(text)});
    const auto* exit = std::get_if<ConfigExit>(&parsed);
    QVERIFY(exit);
    QCOMPARE(exit->exitCode, 2);
    QVERIFY2(exit->text.contains(message), qPrintable(exit->text));
    const auto missing =
        parseServerConfig({u"palaver-server"_s, u"--config"_s, m_dir.filePath(u"absent.ini"_s)});
    QCOMPARE(std::get<ConfigExit>(missing).exitCode, 2);
}

void tst_ServerConfig::hardeningOptions()
{
    auto config = std::get<ServerConfig>(parseServerConfig({u"palaver-server"_s}));
    QCOMPARE(config.maxFrameBytes, 65536);
    QCOMPARE(config.maxConnections, 10000);
    QCOMPARE(config.maxConnectionsPerIp, 256);
    QCOMPARE(config.handshakesPerIpPerS, 20);
    QCOMPARE(config.maxSendQueueBytes, 8 * 1024 * 1024);
    QCOMPARE(config.loginFailuresPerAccount, 10);
    QCOMPARE(config.loginFailuresPerIp, 50);
    QCOMPARE(config.loginLockoutS, 900);
    QCOMPARE(config.logLevel, u"info"_s);
    QVERIFY(!config.tlsEnabled());
    QCOMPARE(config.metricsAllow.size(), 2); // loopback, v4 and v6
    QVERIFY(QHostAddress(u"127.0.0.5"_s).isInSubnet(config.metricsAllow.at(0)));

    config = std::get<ServerConfig>(parseServerConfig({u"palaver-server"_s,
        u"--max-connections-per-ip"_s, u"0"_s, u"--metrics-allow"_s, u"10.0.0.0/8, 192.168.1.7"_s,
        u"--tls-cert"_s, u"c.pem"_s, u"--tls-key"_s, u"k.pem"_s, u"--log-level"_s, u"debug"_s}));
    QCOMPARE(config.maxConnectionsPerIp, 0); // no limit
    QCOMPARE(config.metricsAllow.size(), 2);
    QVERIFY(QHostAddress(u"192.168.1.7"_s).isInSubnet(config.metricsAllow.at(1)));
    QVERIFY(!QHostAddress(u"192.168.1.8"_s).isInSubnet(config.metricsAllow.at(1)));
    QVERIFY(config.tlsEnabled());

    for (const QStringList& bad : {QStringList {u"--tls-cert"_s, u"c.pem"_s},
             QStringList {u"--metrics-allow"_s, u"not-a-subnet"_s},
             QStringList {u"--log-level"_s, u"loud"_s}, QStringList {u"--log-format"_s, u"xml"_s},
             QStringList {u"--rate-per-s"_s, u"0"_s}}) {
        const auto parsed = parseServerConfig(QStringList {u"palaver-server"_s} + bad);
        QVERIFY2(std::holds_alternative<ConfigExit>(parsed), qPrintable(bad.join(u' ')));
        QCOMPARE(std::get<ConfigExit>(parsed).exitCode, 2);
    }
}

void tst_ServerConfig::dataDirResolution()
{
    const QString ini = writeIni("data-dir = /srv/palaver\n");
    QCOMPARE(std::get<QString>(resolveDataDir(u"/flag"_s, ini)), u"/flag"_s);
    QCOMPARE(std::get<QString>(resolveDataDir({}, ini)), u"/srv/palaver"_s);
    qputenv("PALAVER_DATA_DIR", "/env");
    QCOMPARE(std::get<QString>(resolveDataDir({}, ini)), u"/env"_s);
    qunsetenv("PALAVER_DATA_DIR");
    QVERIFY(!std::get<QString>(resolveDataDir({}, {})).isEmpty());
}

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
