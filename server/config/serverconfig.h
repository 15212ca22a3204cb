#pragma once
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <variant>

namespace palaver::server {

/// Everything the server is told at start; see --help for each option.
struct ServerConfig
{
    QHostAddress host = QHostAddress::Any;
    quint16 port = 8765;
    QString dataDir;
    int ratePerS = 5;
    int burst = 20;
    int authTimeoutMs = 10'000; ///< the contract's 10 s for the first frame
    int pingIntervalMs = 30'000; ///< a peer missing two pings is dropped
    qint64 tokenLifetimeMs = 30LL * 24 * 3600 * 1000; ///< sliding: renewed on each resume
    int maxFrameBytes = 64 * 1024;
    int floodThreshold = 50; ///< rate_limited answers within floodWindowMs before 4429
    qint64 floodWindowMs = 10'000;

    QString databasePath() const;
};

/// What parsing the command line decided: run with a config, or exit with text and code.
struct ConfigExit
{
    QString text;
    int exitCode = 0;
};

/// Parses flags, falling back to PALAVER_* environment variables, then defaults.
std::variant<ServerConfig, ConfigExit> parseServerConfig(const QStringList& arguments);

} // namespace palaver::server
