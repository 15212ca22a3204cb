#include "tests/support/serverprocess.h"

#include "tests/support/postgresdatabase.h"
#include "tests/support/testcertificate.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QHash>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QtDebug>
#include <csignal>
#include <cstdio>

ServerProcess::ServerProcess(QStringList extraArgs, QString dataDir)
    : m_extraArgs(std::move(extraArgs))
    , m_dataDir(std::move(dataDir))
{
    if (m_dataDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_dataDir = m_tempDir->path();
    }
}

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        stop();
    m_process.reset(); // the server is gone before its database is dropped
}

QString ServerProcess::binary()
{
    const QString fromEnv = qEnvironmentVariable("PALAVER_SERVER_BIN");
    return fromEnv.isEmpty()
        ? QCoreApplication::applicationDirPath() + QStringLiteral("/palaver-server")
        : fromEnv;
}

bool ServerProcess::tlsMode()
{
    return qEnvironmentVariableIntValue("PALAVER_TEST_TLS") == 1;
}

bool ServerProcess::postgresMode()
{
    return qEnvironmentVariable("PALAVER_TEST_DATABASE") == u"postgresql";
}

namespace {
// Makes the certificate once per data folder (restarts keep it, as an admin's server would)
// and lets this process's QWebSocket/QSslSocket clients trust it like a system CA.
QStringList tlsArguments(const QString& folder)
{
    static QHash<QString, TestCertificate> made;
    auto it = made.find(folder);
    if (it == made.end()) {
        QDir().mkpath(folder);
        it = made.insert(folder, TestCertificate::create(folder));
        if (!it->ok()) {
            qWarning() << "cannot make a test certificate:" << it->error;
            return {};
        }
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.addCaCertificate(it->certificate);
        QSslConfiguration::setDefaultConfiguration(config);
    }
    return {QStringLiteral("--tls-cert"), it->certPath, QStringLiteral("--tls-key"), it->keyPath};
}
} // namespace

bool ServerProcess::start()
{
    if (postgresMode() && m_databaseUrl.isEmpty() && !m_extraArgs.contains(u"--database")) {
        if (!m_ownDatabase)
            m_ownDatabase = std::make_unique<PostgresDatabase>();
        if (!m_ownDatabase->ok()) {
            qWarning().noquote() << "cannot start the server:" << m_ownDatabase->error();
            return false;
        }
        m_databaseUrl = m_ownDatabase->url();
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_output.clear();
    QObject::connect(m_process.get(), &QProcess::readyReadStandardError, [this] {
        const QByteArray text = m_process->readAllStandardError();
        m_output += QString::fromUtf8(text);
        // PALAVER_TEST_SERVER_LOG=1 shows the server's log beside the test's own output.
        if (qEnvironmentVariableIsSet("PALAVER_TEST_SERVER_LOG"))
            fprintf(stderr, "[server] %s", text.constData());
    });
    const int port = m_reusePort && m_url.isValid() ? m_url.port() : 0;
    QStringList args {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
        QStringLiteral("--data-dir"), m_dataDir};
    if (tlsMode())
        args += tlsArguments(m_dataDir + QStringLiteral("/tls"));
    if (!m_databaseUrl.isEmpty() && !m_extraArgs.contains(u"--database"))
        args += {QStringLiteral("--database"), m_databaseUrl};
    args += m_extraArgs;
    if (args.contains(u"--database") && qEnvironmentVariableIsSet("ASAN_OPTIONS")) {
        // Under ASan a server on PostgreSQL unwinds fully, so the suppression of OpenSSL's
        // per-thread DRBG that libpq leaves behind can match (tests/sanitizers/lsan.supp).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ASAN_OPTIONS"),
            env.value(QStringLiteral("ASAN_OPTIONS")) + QStringLiteral(":fast_unwind_on_malloc=0"));
        m_process->setProcessEnvironment(env);
    }
    m_process->start(binary(), args);
    if (!m_process->waitForStarted(10000)) {
        qWarning() << "cannot start" << binary() << m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (wss?://\\S+)"));
    QString stdoutText;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            continue;
        }
        stdoutText += QString::fromUtf8(m_process->readAllStandardOutput());
        const auto match = listening.match(stdoutText);
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
    }
    qWarning() << "server did not come up:" << stdoutText << m_output
               << QString::fromUtf8(m_process->readAllStandardError());
    return false;
}

int ServerProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return m_process ? m_process->exitCode() : -1;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(15000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill(); // SIGKILL on Unix
    m_process->waitForFinished(5000);
}

bool ServerProcess::restart()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        stop();
    return start();
}
