#include "tests/support/redisprocess.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpServer>
#include <QUrl>
#include <QtDebug>
#include <csignal>

namespace {
// The OS picks a port nobody uses; the short gap before redis-server binds it is why start()
// tries again with a new port when the first bind fails.
quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}
} // namespace

RedisProcess::RedisProcess(QString password)
    : m_password(std::move(password))
{ }

RedisProcess::~RedisProcess()
{
    if (isRunning())
        kill();
}

QString RedisProcess::binary()
{
    const QString inPath = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (!inPath.isEmpty())
        return inPath;
    const QString fallback = QStringLiteral("/usr/bin/redis-server");
    return QFileInfo(fallback).isExecutable() ? fallback : QString();
}

QString RedisProcess::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("redis"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    if (!m_password.isEmpty())
        url.setPassword(m_password);
    // url.toString() would leave an empty user as "redis://:pw@"; that is what parseRedisUrl
    // and redis-cli expect.
    return url.toString(QUrl::FullyEncoded);
}

bool RedisProcess::start()
{
    if (binary().isEmpty()) {
        qWarning("redis-server not found in PATH or /usr/bin: install the redis-server package "
                 "(packages.txt lists it); Redis tests need a real server and are not skipped");
        return false;
    }
    const bool choosePort = m_port == 0;
    for (int attempt = 0; attempt < (choosePort ? 5 : 1); ++attempt) {
        if (choosePort)
            m_port = freePort();
        if (startOnce())
            return true;
    }
    if (choosePort)
        m_port = 0;
    return false;
}

bool RedisProcess::startOnce()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setWorkingDirectory(m_dir.path());
    m_output.clear();
    QStringList args {QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
        QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(),
        QStringLiteral("--appendonly"), QStringLiteral("no"), QStringLiteral("--daemonize"),
        QStringLiteral("no"), QStringLiteral("--dir"), m_dir.path()};
    if (!m_password.isEmpty())
        args << QStringLiteral("--requirepass") << m_password;
    m_process->start(binary(), args);
    if (!m_process->waitForStarted(10000)) {
        qWarning() << "cannot start" << binary() << m_process->errorString();
        return false;
    }
    // Redis logs this line once its listening socket is open, so no polling or sleeping.
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (m_output.contains(QLatin1String("Ready to accept connections")))
            return true;
        if (!m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            continue;
        }
        m_output += QString::fromLocal8Bit(m_process->readAll());
    }
    m_output += QString::fromLocal8Bit(m_process->readAll());
    qWarning().noquote() << "redis-server on port" << m_port << "did not come up:\n" << m_output;
    kill();
    return false;
}

int RedisProcess::stop()
{
    if (!isRunning())
        return m_process ? m_process->exitCode() : -1;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(15000)) {
        kill();
        return -1;
    }
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void RedisProcess::kill()
{
    if (!isRunning())
        return;
    m_process->kill(); // SIGKILL on Unix, to this child only
    m_process->waitForFinished(5000);
}

bool RedisProcess::restart()
{
    stop();
    return start();
}
