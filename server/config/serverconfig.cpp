#include "server/config/serverconfig.h"

#include "server/config/configfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>
#include <QUrl>

namespace palaver::server {
namespace {

// A numeric option: where it goes and the smallest value it takes (0 = "no limit").
struct IntOption
{
    const char* name;
    int ServerConfig::*field;
    int minimum;
    const char* help;
};

const IntOption kIntOptions[] = {
    {"rate-per-s", &ServerConfig::ratePerS, 1, "Messages per second per user."},
    {"burst", &ServerConfig::burst, 1, "Message burst per user."},
    {"auth-timeout-ms", &ServerConfig::authTimeoutMs, 1,
        "Time a new connection has to authenticate, from the TCP accept."},
    {"ping-interval-ms", &ServerConfig::pingIntervalMs, 1,
        "WebSocket keep-alive ping interval; two missed pongs drop the peer."},
    {"max-frame-bytes", &ServerConfig::maxFrameBytes, 1,
        "Largest WebSocket message; bigger ones close with 1009."},
    {"max-connections", &ServerConfig::maxConnections, 0,
        "Connections in total; beyond it new ones get HTTP 503. 0: no limit."},
    {"max-connections-per-ip", &ServerConfig::maxConnectionsPerIp, 0,
        "Connections from one address; beyond it HTTP 429. 0: no limit."},
    {"handshakes-per-ip-per-s", &ServerConfig::handshakesPerIpPerS, 0,
        "New connections per second from one address (burst twice that); beyond it HTTP "
        "429. 0: no limit."},
    {"max-send-queue-bytes", &ServerConfig::maxSendQueueBytes, 0,
        "Bytes waiting for a client that does not read; beyond it the connection is dropped "
        "(the client catches up by resuming). 0: no limit."},
    {"login-failures-per-account", &ServerConfig::loginFailuresPerAccount, 0,
        "Failed logins for one username (existing or not) before logins for it are refused "
        "for --login-lockout-s; each failure past the third is answered more slowly. "
        "0: no limit."},
    {"login-failures-per-ip", &ServerConfig::loginFailuresPerIp, 0,
        "Failed logins from one address before its logins are refused for "
        "--login-lockout-s. 0: no limit."},
    {"login-lockout-s", &ServerConfig::loginLockoutS, 1,
        "How long failures are remembered and logins refused after too many."},
    {"flood-threshold", &ServerConfig::floodThreshold, 1,
        "rate_limited answers within 10 s after which the connection closes with 4429."},
    {"token-lifetime-days", &ServerConfig::tokenLifetimeDays, 1,
        "Days a session token lives unused (each resume renews it)."},
    {"max-upload-mib", &ServerConfig::maxUploadMib, 1,
        "Largest file upload (POST /v1/files) in MiB; bigger ones get HTTP 413."},
    {"quota-mib", &ServerConfig::quotaMib, 0,
        "Storage per user for uploaded files in MiB (the same bytes count once); beyond it "
        "uploads get HTTP 413. 0: no quota."},
};

struct TextOption
{
    const char* name;
    const char* valueName;
    const char* help;
};

const TextOption kTextOptions[] = {
    {"config", "FILE", "INI file with any of these options as `name = value` lines."},
    {"listen", "HOST:PORT", "Address and port to listen on; port 0 picks a free one."},
    {"data-dir", "DIR", "Folder for the SQLite database (and the server's files)."},
    {"files-dir", "DIR",
        "Folder for uploaded files (by SHA-256); several nodes must all mount the same one."},
    {"database", "URL",
        "postgresql://USER:PASSWORD@HOST:PORT/DATABASE to keep everything in PostgreSQL "
        "(needed for several nodes); empty: SQLite in --data-dir."},
    {"bus", "URL",
        "redis://HOST:PORT (or redis://:PASSWORD@HOST:PORT) linking several nodes on one "
        "--database; empty: a single node."},
    {"node-id", "NAME", "This node's name in logs, metrics and /healthz."},
    {"tls-cert", "FILE", "PEM certificate (chain): serve wss:// instead of ws://."},
    {"tls-key", "FILE", "PEM private key of --tls-cert."},
    {"allowed-origins", "LIST",
        "Comma-separated Origin values whose (browser) handshakes are accepted; \"*\" accepts "
        "any. Clients that send no Origin (the desktop app) are always accepted."},
    {"metrics-allow", "SUBNETS", "Comma-separated subnets that may read /metrics."},
    {"log-level", "LEVEL", "debug, info, warning or error."},
    {"log-format", "FORMAT", "text (key=value) or json, one line per record on stderr."},
};

const char* defaultOf(const char* name)
{
    static const QHash<QByteArray, const char*> defaults = {
        {"listen", "0.0.0.0:8765"},
        {"data-dir", "the platform's app-data folder"},
        {"files-dir", "DATA-DIR/files"},
        {"node-id", "the host name"},
        {"metrics-allow", "127.0.0.0/8,::1/128"},
        {"log-level", "info"},
        {"log-format", "text"},
    };
    return defaults.value(name, nullptr);
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

QStringList splitList(const QString& text)
{
    QStringList items;
    for (const QString& item : text.split(u',', Qt::SkipEmptyParts))
        if (const QString trimmed = item.trimmed(); !trimmed.isEmpty())
            items.append(trimmed);
    return items;
}

std::optional<QList<Subnet>> parseSubnets(const QString& text)
{
    QList<Subnet> subnets;
    for (const QString& item : splitList(text)) {
        Subnet subnet = QHostAddress::parseSubnet(item);
        if (subnet.first.isNull()) {
            const QHostAddress single(item);
            if (single.isNull())
                return std::nullopt;
            subnet = {single, single.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        }
        subnets.append(subnet);
    }
    return subnets;
}

// The password may be in the URL, so errors never echo it.
bool isPostgresUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"postgresql" || url.scheme() == u"postgres") &&
        !url.host().isEmpty() && url.path().size() > 1;
}

bool isRedisUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && url.scheme() == u"redis" && !url.host().isEmpty() &&
        (url.path().isEmpty() || url.path() == u"/");
}

// Every option's value: the flag, else PALAVER_<NAME>, else the config file, else null.
class Sources
{
public:
    Sources(const QCommandLineParser& parser, ConfigFile file)
        : m_parser(parser)
        , m_file(std::move(file))
    { }
    QString value(const QString& name) const
    {
        if (m_parser.isSet(name))
            return m_parser.value(name);
        if (const QByteArray env = environmentName(name); qEnvironmentVariableIsSet(env))
            return qEnvironmentVariable(env);
        return m_file.value(name);
    }

private:
    const QCommandLineParser& m_parser;
    ConfigFile m_file;
};

QStringList knownKeys()
{
    QStringList keys;
    for (const TextOption& o : kTextOptions)
        if (QByteArrayView(o.name) != "config")
            keys.append(QString::fromLatin1(o.name));
    for (const IntOption& o : kIntOptions)
        keys.append(QString::fromLatin1(o.name));
    return keys;
}

QString configPath(const QString& flag)
{
    return flag.isEmpty() ? qEnvironmentVariable("PALAVER_CONFIG") : flag;
}

ConfigExit usage(const QString& text)
{
    return ConfigExit {text + QStringLiteral("\nTry --help."), 2};
}

std::optional<ConfigExit> applyTextOptions(const Sources& sources, ServerConfig& config)
{
    if (const QString v = sources.value(QStringLiteral("listen"));
        !v.isEmpty() && !parseListen(v, config))
        return usage(QStringLiteral("--listen: '%1' is not HOST:PORT").arg(v));
    config.dataDir = sources.value(QStringLiteral("data-dir"));
    if (config.dataDir.isEmpty())
        config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    config.filesDir = sources.value(QStringLiteral("files-dir"));
    if (config.filesDir.isEmpty())
        config.filesDir = QDir(config.dataDir).filePath(QStringLiteral("files"));
    config.databaseUrl = sources.value(QStringLiteral("database"));
    if (!config.databaseUrl.isEmpty() && !isPostgresUrl(config.databaseUrl))
        return usage(
            QStringLiteral("--database: expected postgresql://USER:PASSWORD@HOST:PORT/DB"));
    config.busUrl = sources.value(QStringLiteral("bus"));
    if (!config.busUrl.isEmpty() && !isRedisUrl(config.busUrl))
        return usage(QStringLiteral("--bus: '%1' is not redis://HOST:PORT").arg(config.busUrl));
    if (!config.busUrl.isEmpty() && config.databaseUrl.isEmpty())
        return usage(QStringLiteral(
            "--bus links nodes that share one --database: set --database postgresql://…"));
    config.nodeId = sources.value(QStringLiteral("node-id"));
    if (config.nodeId.isEmpty())
        config.nodeId = QSysInfo::machineHostName();
    static const QRegularExpression nodeName(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (!nodeName.match(config.nodeId).hasMatch())
        return usage(QStringLiteral("--node-id: '%1' is not 1–64 letters, digits, '.', '_' or '-'")
                         .arg(config.nodeId));
    config.tlsCertFile = sources.value(QStringLiteral("tls-cert"));
    config.tlsKeyFile = sources.value(QStringLiteral("tls-key"));
    if (config.tlsCertFile.isEmpty() != config.tlsKeyFile.isEmpty())
        return usage(QStringLiteral("--tls-cert and --tls-key go together"));
    config.allowedOrigins = splitList(sources.value(QStringLiteral("allowed-origins")));
    QString allow = sources.value(QStringLiteral("metrics-allow"));
    if (allow.isNull())
        allow = QString::fromLatin1(defaultOf("metrics-allow"));
    const auto subnets = parseSubnets(allow);
    if (!subnets)
        return usage(QStringLiteral("--metrics-allow: '%1' is not a list of subnets").arg(allow));
    config.metricsAllow = *subnets;
    if (const QString v = sources.value(QStringLiteral("log-level")); !v.isEmpty())
        config.logLevel = v;
    if (!QStringList {QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
            QStringLiteral("error")}
             .contains(config.logLevel))
        return usage(QStringLiteral("--log-level: '%1' is not debug, info, warning or error")
                         .arg(config.logLevel));
    if (const QString v = sources.value(QStringLiteral("log-format")); !v.isEmpty())
        config.logFormat = v;
    if (config.logFormat != u"text" && config.logFormat != u"json")
        return usage(
            QStringLiteral("--log-format: '%1' is not text or json").arg(config.logFormat));
    return std::nullopt;
}

std::optional<ConfigExit> applyIntOptions(const Sources& sources, ServerConfig& config)
{
    for (const IntOption& option : kIntOptions) {
        const QString name = QString::fromLatin1(option.name);
        const QString v = sources.value(name);
        if (v.isEmpty())
            continue;
        bool ok = false;
        const int value = v.toInt(&ok);
        if (!ok || value < option.minimum)
            return usage(QStringLiteral("--%1: '%2' is not %3")
                             .arg(name, v,
                                 option.minimum == 0 ? QStringLiteral("a whole number ≥ 0")
                                                     : QStringLiteral("a positive whole number")));
        config.*option.field = value;
    }
    return std::nullopt;
}

void addOptions(QCommandLineParser& parser)
{
    const ServerConfig defaults;
    for (const TextOption& o : kTextOptions) {
        QString help = QString::fromUtf8(o.help);
        if (const char* d = defaultOf(o.name))
            help += QStringLiteral(" Default: %1.").arg(QString::fromUtf8(d));
        help += QStringLiteral(" (%1)").arg(
            QString::fromLatin1(environmentName(QString::fromLatin1(o.name))));
        parser.addOption(QCommandLineOption(
            QString::fromLatin1(o.name), help, QString::fromLatin1(o.valueName)));
    }
    for (const IntOption& o : kIntOptions) {
        const QString name = QString::fromLatin1(o.name);
        parser.addOption(QCommandLineOption(name,
            QStringLiteral("%1 Default: %2. (%3)")
                .arg(QString::fromUtf8(o.help))
                .arg(defaults.*o.field)
                .arg(QString::fromLatin1(environmentName(name))),
            QStringLiteral("N")));
    }
}

} // namespace

QString ServerConfig::databasePath() const
{
    return QDir(dataDir).filePath(QStringLiteral("palaver.db"));
}

std::variant<ServerConfig, ConfigExit> parseServerConfig(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Palaver chat server: WebSocket protocol v1 at ws://HOST:PORT/v1 (wss:// with TLS),\n"
        "GET /healthz and /metrics on the same port.\n"
        "Each option can also be set as the environment variable in brackets, or as\n"
        "`name = value` in the --config file; flags win over the environment, which wins\n"
        "over the file.\n\n"
        "Admin commands on the data folder: palaver-server user|room|audit|backup|check "
        "--help"));
    const QCommandLineOption help(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."));
    const QCommandLineOption version(
        QStringLiteral("version"), QStringLiteral("Print the version and exit."));
    parser.addOptions({help, version});
    addOptions(parser);

    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help))
        return ConfigExit {parser.helpText(), 0};
    if (parser.isSet(version))
        return ConfigExit {
            QStringLiteral("palaver-server %1").arg(QStringLiteral(PALAVER_VERSION)), 0};
    if (!parser.positionalArguments().isEmpty())
        return usage(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    ServerConfig config;
    config.configFile = configPath(parser.value(QStringLiteral("config")));
    QString error;
    std::optional<ConfigFile> file = ConfigFile::read(config.configFile, knownKeys(), &error);
    if (!file)
        return usage(error);
    const Sources sources(parser, std::move(*file));
    if (auto exit = applyTextOptions(sources, config))
        return *exit;
    if (auto exit = applyIntOptions(sources, config))
        return *exit;
    return config;
}

std::variant<QString, ConfigExit> resolveDataDir(
    const QString& dataDirFlag, const QString& configFlag)
{
    if (!dataDirFlag.isEmpty())
        return dataDirFlag;
    if (qEnvironmentVariableIsSet("PALAVER_DATA_DIR"))
        return qEnvironmentVariable("PALAVER_DATA_DIR");
    QString error;
    const std::optional<ConfigFile> file =
        ConfigFile::read(configPath(configFlag), knownKeys(), &error);
    if (!file)
        return usage(error);
    if (const QString dir = file->value(QStringLiteral("data-dir")); !dir.isEmpty())
        return dir;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

std::variant<QString, ConfigExit> resolveDatabaseUrl(
    const QString& databaseFlag, const QString& configFlag)
{
    QString url = databaseFlag;
    if (url.isEmpty())
        url = qEnvironmentVariable("PALAVER_DATABASE");
    if (url.isEmpty()) {
        QString error;
        const std::optional<ConfigFile> file =
            ConfigFile::read(configPath(configFlag), knownKeys(), &error);
        if (!file)
            return usage(error);
        url = file->value(QStringLiteral("database"));
    }
    if (!url.isEmpty() && !isPostgresUrl(url))
        return usage(
            QStringLiteral("--database: expected postgresql://USER:PASSWORD@HOST:PORT/DB"));
    return url;
}

} // namespace palaver::server
