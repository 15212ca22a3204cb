#include "server/config/serverconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

namespace palaver::server {
namespace {

// An option's value from the flag, else from PALAVER_<NAME>, else empty.
QString valueOf(const QCommandLineParser& parser, const QCommandLineOption& option, const char* env)
{
    if (parser.isSet(option))
        return parser.value(option);
    return qEnvironmentVariable(env);
}

bool parseListen(const QString& text, ServerConfig& config)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535 || !config.host.setAddress(host))
        return false;
    config.port = quint16(port);
    return true;
}

bool parsePositive(const QString& text, int& out)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value <= 0)
        return false;
    out = value;
    return true;
}

} // namespace

QString ServerConfig::databasePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("palaver.db"));
}

std::variant<ServerConfig, ConfigExit> parseServerConfig(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Palaver chat server: WebSocket protocol v1 at ws://HOST:PORT/v1.\n"
                       "Every option can also be given as an environment variable, e.g. "
                       "PALAVER_LISTEN; flags win."));
    const QCommandLineOption help(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."));
    const QCommandLineOption version(
        QStringLiteral("version"), QStringLiteral("Print the version and exit."));
    const QCommandLineOption listen(QStringLiteral("listen"),
        QStringLiteral("Address and port to listen on (PALAVER_LISTEN). "
                       "Port 0 picks a free one. Default 0.0.0.0:8765."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QStringLiteral("Folder for the database (PALAVER_DATA_DIR). "
                       "Default: the platform's app-data folder."),
        QStringLiteral("DIR"));
    const QCommandLineOption rate(QStringLiteral("rate-per-s"),
        QStringLiteral("Messages per second per user (PALAVER_RATE_PER_S). Default 5."),
        QStringLiteral("N"));
    const QCommandLineOption burst(QStringLiteral("burst"),
        QStringLiteral("Message burst per user (PALAVER_BURST). Default 20."), QStringLiteral("N"));
    const QCommandLineOption authTimeout(QStringLiteral("auth-timeout-ms"),
        QStringLiteral("Time a new connection has to authenticate "
                       "(PALAVER_AUTH_TIMEOUT_MS). Default 10000."),
        QStringLiteral("MS"));
    const QCommandLineOption pingInterval(QStringLiteral("ping-interval-ms"),
        QStringLiteral("WebSocket keep-alive ping interval; two "
                       "missed pongs drop the peer "
                       "(PALAVER_PING_INTERVAL_MS). Default 30000."),
        QStringLiteral("MS"));
    parser.addOptions({help, version, listen, dataDir, rate, burst, authTimeout, pingInterval});

    if (!parser.parse(arguments))
        return ConfigExit {parser.errorText() + QStringLiteral("\nTry --help."), 2};
    if (parser.isSet(help))
        return ConfigExit {parser.helpText(), 0};
    if (parser.isSet(version))
        return ConfigExit {
            QStringLiteral("palaver-server %1").arg(QStringLiteral(PALAVER_VERSION)), 0};
    if (!parser.positionalArguments().isEmpty())
        return ConfigExit {QStringLiteral("unexpected argument '%1'\nTry --help.")
                               .arg(parser.positionalArguments().first()),
            2};

    ServerConfig config;
    if (const QString v = valueOf(parser, listen, "PALAVER_LISTEN");
        !v.isEmpty() && !parseListen(v, config))
        return ConfigExit {QStringLiteral("--listen: '%1' is not HOST:PORT").arg(v), 2};
    config.dataDir = valueOf(parser, dataDir, "PALAVER_DATA_DIR");
    if (config.dataDir.isEmpty())
        config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const std::pair<const QCommandLineOption*, std::pair<const char*, int*>> numbers[] = {
        {&rate, {"PALAVER_RATE_PER_S", &config.ratePerS}},
        {&burst, {"PALAVER_BURST", &config.burst}},
        {&authTimeout, {"PALAVER_AUTH_TIMEOUT_MS", &config.authTimeoutMs}},
        {&pingInterval, {"PALAVER_PING_INTERVAL_MS", &config.pingIntervalMs}},
    };
    for (const auto& [option, target] : numbers) {
        const QString v = valueOf(parser, *option, target.first);
        if (!v.isEmpty() && !parsePositive(v, *target.second))
            return ConfigExit {QStringLiteral("--%1: '%2' is not a positive integer")
                                   .arg(option->names().first(), v),
                2};
    }
    return config;
}

} // namespace palaver::server
