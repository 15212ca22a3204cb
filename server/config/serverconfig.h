#pragma once
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <variant>

namespace palaver::server {

/// A subnet such as 127.0.0.0/8, as QHostAddress::parseSubnet() gives it.
using Subnet = QPair<QHostAddress, int>;

/// Everything the server is told at start; see --help (or docs/ADMIN.md) for each option.
/// Limits of 0 mean "no limit" where the option's help says so.
struct ServerConfig
{
    QHostAddress host = QHostAddress::Any;
    quint16 port = 8765;
    QString dataDir;
    /// Empty: SQLite in dataDir. Else postgresql://USER:PASS@HOST:PORT/DB (QPSQL).
    QString databaseUrl;
    /// Empty: one node, pushes stay in this process. Else redis://HOST:PORT, the bus that
    /// carries pushes, presence, typing and rate limits between nodes.
    QString busUrl;
    /// This node's name in logs, metrics and /healthz; the host name by default.
    QString nodeId;
    QString configFile; ///< the INI file the values came from, if any
    QString tlsCertFile;
    QString tlsKeyFile;
    /// Browsers send Origin; such handshakes are refused unless listed ("*" allows any).
    QStringList allowedOrigins;
    /// Peers that may read /metrics (and see /healthz details); loopback by default.
    QList<Subnet> metricsAllow;
    QString logLevel = QStringLiteral("info");
    QString logFormat = QStringLiteral("text");

    int ratePerS = 5;
    int burst = 20;
    int authTimeoutMs = 10'000; ///< the contract's 10 s for the first frame
    int pingIntervalMs = 30'000; ///< a peer missing two pings is dropped
    int maxFrameBytes = 64 * 1024;
    int maxConnections = 10'000;
    int maxConnectionsPerIp = 256;
    int handshakesPerIpPerS = 20; ///< burst is twice this
    int maxSendQueueBytes = 8 * 1024 * 1024;
    int loginFailuresPerAccount = 10; ///< within loginLockoutS; then refused for that long
    int loginFailuresPerIp = 50;
    int loginLockoutS = 900;
    int floodThreshold = 50; ///< rate_limited answers within floodWindowMs before 4429
    qint64 floodWindowMs = 10'000;
    int tokenLifetimeDays = 30; ///< sliding: renewed on each resume
    int maxUploadMib = 25; ///< the contract's default upload limit
    int quotaMib = 1024; ///< per user, over distinct contents; 0: no quota
    /// Where uploaded files live (content-addressed); empty until parsed: <dataDir>/files.
    /// Several nodes must share it (one folder that every node mounts).
    QString filesDir;

    QString databasePath() const;
    qint64 maxUploadBytes() const { return qint64(maxUploadMib) * 1024 * 1024; }
    qint64 quotaBytes() const { return qint64(quotaMib) * 1024 * 1024; }
    qint64 tokenLifetimeMs() const { return qint64(tokenLifetimeDays) * 24 * 3600 * 1000; }
    bool tlsEnabled() const { return !tlsCertFile.isEmpty(); }
};

/// What parsing the command line decided: run with a config, or exit with text and code.
struct ConfigExit
{
    QString text;
    int exitCode = 0;
};

/// Parses flags, falling back to PALAVER_* environment variables, then the --config INI
/// file (PALAVER_CONFIG), then defaults: flags win.
std::variant<ServerConfig, ConfigExit> parseServerConfig(const QStringList& arguments);

/// The data folder exactly as the server resolves it (for the admin subcommands): the
/// --data-dir flag, else PALAVER_DATA_DIR, else `data-dir` in the config file (the flag, else
/// PALAVER_CONFIG), else the platform's app-data folder.
std::variant<QString, ConfigExit> resolveDataDir(
    const QString& dataDirFlag, const QString& configFlag);

/// The database URL as the server resolves it (for the admin subcommands): the --database
/// flag, else PALAVER_DATABASE, else `database` in the config file; empty means SQLite in the
/// data folder.
std::variant<QString, ConfigExit> resolveDatabaseUrl(
    const QString& databaseFlag, const QString& configFlag);

} // namespace palaver::server
