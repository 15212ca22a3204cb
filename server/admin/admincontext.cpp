#include "server/admin/admincontext.h"

#include "server/config/serverconfig.h"
#include "server/storage/store.h"
#include "server/storage/storeerror.h"
#include "server/storage/storefactories.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <pwd.h>
#include <unistd.h>

namespace palaver::server::admin {
namespace {
// The operating-system account that ran the command: the audit log's actor for "cli" rows.
QString osUser()
{
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("uid %1").arg(geteuid());
}
} // namespace

AdminContext::AdminContext(QStringList words, QStringList args, QTextStream& out, QTextStream& err)
    : m_words(std::move(words))
    , m_args(std::move(args))
    , m_out(out)
    , m_err(err)
{ }

AdminContext::~AdminContext()
{
    m_store.reset(); // the connection closes before its factory goes
}

std::optional<int> AdminContext::parse(QCommandLineParser& parser, const QString& synopsis,
    const QString& description, int minPositional, int maxPositional)
{
    const QCommandLineOption help(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QStringLiteral("Folder of the database (PALAVER_DATA_DIR; default: as the server)."),
        QStringLiteral("DIR"));
    const QCommandLineOption config(QStringLiteral("config"),
        QStringLiteral("The server's INI config file, for its data-dir (PALAVER_CONFIG)."),
        QStringLiteral("FILE"));
    const QCommandLineOption database(QStringLiteral("database"),
        QStringLiteral("PostgreSQL database postgresql://USER:PASSWORD@HOST:PORT/DB "
                       "(PALAVER_DATABASE; default: as the server, else SQLite in the data "
                       "folder)."),
        QStringLiteral("URL"));
    parser.addOptions({help, dataDir, database, config});
    parser.setApplicationDescription(description);
    const QString command = QStringLiteral("palaver-server ") + m_words.join(u' ');
    if (!parser.parse(QStringList {command} + m_args))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        m_out << "Usage: palaver-server " << synopsis << "\n\n"
              << parser.helpText().section(u'\n', 1) << Qt::flush;
        return ExitOk;
    }
    m_positional = parser.positionalArguments();
    if (m_positional.size() < minPositional)
        return usageError(
            QStringLiteral("missing argument; usage: palaver-server %1").arg(synopsis));
    if (m_positional.size() > maxPositional)
        return usageError(QStringLiteral("unexpected argument '%1'").arg(m_positional.last()));
    const auto resolved = resolveDataDir(parser.value(dataDir), parser.value(config));
    if (const auto* exit = std::get_if<ConfigExit>(&resolved)) {
        m_err << exit->text << Qt::endl;
        return exit->exitCode == 0 ? ExitUsage : exit->exitCode;
    }
    m_dataDir = std::get<QString>(resolved);
    const auto url = resolveDatabaseUrl(parser.value(database), parser.value(config));
    if (const auto* exit = std::get_if<ConfigExit>(&url)) {
        m_err << exit->text << Qt::endl;
        return exit->exitCode == 0 ? ExitUsage : exit->exitCode;
    }
    m_databaseUrl = std::get<QString>(url);
    return std::nullopt;
}

QString AdminContext::databasePath() const
{
    ServerConfig config;
    config.dataDir = m_dataDir;
    return config.databasePath();
}

std::optional<int> AdminContext::refuseOnPostgres(const QString& instead)
{
    if (m_databaseUrl.isEmpty())
        return std::nullopt;
    m_err << "palaver-server " << m_words.join(u' ')
          << ": works on the SQLite file only; this server uses PostgreSQL: " << instead
          << Qt::endl;
    return ExitUsage;
}

Store* AdminContext::store()
{
    if (m_store)
        return m_store.get();
    if (m_databaseUrl.isEmpty() && !QDir().mkpath(m_dataDir)) {
        fail(QStringLiteral("cannot create data folder %1").arg(m_dataDir));
        return nullptr;
    }
    // The server's own factory and migrations: a new folder gets the schema, an old one is
    // brought up to date, exactly as starting the server would.
    try {
        m_factory = openStoreFactory(m_databaseUrl, databasePath());
        m_factory->migrate();
        m_store = m_factory->open(QStringLiteral("palaver-admin"), false);
    } catch (const StoreError& e) {
        fail(QStringLiteral("database %1: %2")
                 .arg(m_factory ? m_factory->description() : databasePath(),
                     QString::fromUtf8(e.what())));
        return nullptr;
    }
    return m_store.get();
}

int AdminContext::transact(const std::function<int(Store&)>& job, bool write)
{
    Store* s = store();
    if (!s)
        return ExitFailed;
    try {
        if (write)
            s->begin();
        else
            s->beginRead();
        const int code = job(*s);
        if (code == ExitOk || !write)
            s->commit();
        else
            s->rollback();
        return code;
    } catch (const StoreError& e) {
        try {
            s->rollback();
        } catch (const StoreError&) {
            // the transaction may never have begun (database locked)
        }
        return fail(QStringLiteral("database: %1").arg(QString::fromUtf8(e.what())));
    }
}

AuditRecord AdminContext::audit(
    const QString& action, const QString& target, const QString& detail) const
{
    AuditRecord r;
    r.ts = QDateTime::currentMSecsSinceEpoch();
    r.actorName = osUser();
    r.action = action;
    r.target = target;
    r.address = QStringLiteral("cli");
    r.detail = detail;
    return r;
}

int AdminContext::fail(const QString& message)
{
    m_err << "palaver-server: " << message << Qt::endl;
    return ExitFailed;
}

int AdminContext::usageError(const QString& message)
{
    m_err << "palaver-server " << m_words.join(u' ') << ": " << message << "\nTry 'palaver-server "
          << m_words.join(u' ') << " --help'." << Qt::endl;
    return ExitUsage;
}

int latestSchemaVersion()
{
    int latest = 0;
    const QStringList files = QDir(QStringLiteral(":/palaver/migrations/sqlite"))
                                  .entryList({QStringLiteral("*.sql")}, QDir::Files);
    for (const QString& file : files)
        latest = std::max(latest, file.section(u'_', 0, 0).toInt());
    return latest;
}

QString formatTime(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString jsonDetail(std::initializer_list<std::pair<QString, QVariant>> fields)
{
    QJsonObject o;
    for (const auto& [key, value] : fields)
        o.insert(key, QJsonValue::fromVariant(value));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace palaver::server::admin
