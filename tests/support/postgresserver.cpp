#include "tests/support/postgresserver.h"

#include <QDir>
#include <QProcess>
#include <QTcpServer>
#include <QtDebug>
#include <unistd.h>

namespace {
bool runningAsRoot()
{
    return geteuid() == 0;
}

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}
} // namespace

PostgresServer::PostgresServer()
    : m_dir(std::make_unique<QTemporaryDir>())
    , m_bin(binDir())
{ }

PostgresServer::~PostgresServer()
{
    if (m_running)
        stop();
}

QString PostgresServer::binDir()
{
    QProcess config;
    config.start(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    if (config.waitForFinished(5000) && config.exitCode() == 0) {
        const QString dir = QString::fromLocal8Bit(config.readAllStandardOutput()).trimmed();
        if (QFile::exists(dir + QStringLiteral("/pg_ctl")))
            return dir;
    }
    QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql"))
                               .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(versions.begin(), versions.end(),
        [](const QString& a, const QString& b) { return a.toInt() < b.toInt(); });
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        const QString dir = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(*it);
        if (QFile::exists(dir + QStringLiteral("/pg_ctl")))
            return dir;
    }
    return {};
}

bool PostgresServer::run(const QString& tool, const QStringList& args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString program = m_bin + u'/' + tool;
    if (runningAsRoot())
        process.start(QStringLiteral("runuser"),
            QStringList {
                QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} +
                args);
    else
        process.start(program, args);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        m_error =
            QStringLiteral("%1 failed: %2").arg(tool, QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

bool PostgresServer::start()
{
    if (m_bin.isEmpty()) {
        m_error = QStringLiteral("PostgreSQL is not installed (no pg_ctl found)");
        return false;
    }
    const QString data = m_dir->path() + QStringLiteral("/data");
    if (!m_initialised) {
        if (runningAsRoot() &&
            QProcess::execute(QStringLiteral("chown"),
                {QStringLiteral("postgres:postgres"), m_dir->path()}) != 0) {
            m_error = QStringLiteral("cannot give %1 to the postgres user").arg(m_dir->path());
            return false;
        }
        // Trust on a private loopback cluster; C.UTF-8 so lower() folds all of Unicode.
        if (!run(QStringLiteral("initdb"),
                {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("palaver"),
                    QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"),
                    QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"),
                    QStringLiteral("--no-sync")}))
            return false;
        m_initialised = true;
        m_port = freePort();
    }
    // The same port after a restart, so the server's URL stays valid.
    const QString options = QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off")
                                .arg(m_port)
                                .arg(m_dir->path());
    if (!run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), data, QStringLiteral("-l"), m_dir->path() + u"/log",
                QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                QStringLiteral("-o"), options, QStringLiteral("start")}))
        return false;
    m_running = true;
    return true;
}

bool PostgresServer::stop()
{
    const QString data = m_dir->path() + QStringLiteral("/data");
    const bool ok = run(QStringLiteral("pg_ctl"),
        {QStringLiteral("-D"), data, QStringLiteral("-m"), QStringLiteral("fast"),
            QStringLiteral("-w"), QStringLiteral("stop")});
    m_running = !ok;
    return ok;
}

QString PostgresServer::url(const QString& database) const
{
    return QStringLiteral("postgresql://palaver:palaver@127.0.0.1:%1/%2").arg(m_port).arg(database);
}
