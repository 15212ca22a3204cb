#pragma once
// Runs the real palaver-server binary on a free loopback port with its own data folder.
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

class PostgresDatabase;

class ServerProcess
{
public:
    /// `extraArgs` are added to --listen/--data-dir; the data folder is temporary unless given.
    /// In the suite's PostgreSQL run (PALAVER_TEST_DATABASE=postgresql) the server gets a
    /// database of its own, kept for this object's lifetime (restart() keeps the data), unless
    /// `extraArgs` has a --database or setDatabaseUrl() names one.
    explicit ServerProcess(QStringList extraArgs = {}, QString dataDir = {});
    ~ServerProcess();

    /// Starts and waits for the "listening on" line. Returns false (and logs) on failure.
    bool start();
    /// SIGTERM and wait for a clean exit; returns the exit code (-1 if it crashed).
    int stop();
    /// SIGKILL: no chance to flush anything.
    void kill();
    /// Same data folder and arguments, new process (and new port unless setReusePort(true)).
    bool restart();
    /// When on, every later start() listens on the port the first start got, so clients can
    /// reconnect to the same URL after a stop or kill (the port is free again at once: the
    /// server's listening socket uses SO_REUSEADDR).
    void setReusePort(bool on) { m_reusePort = on; }

    /// Use this database (--database URL) instead of a database of its own: several servers
    /// sharing one PostgreSQL database, as nodes do. Takes effect at the next start().
    void setDatabaseUrl(const QString& url) { m_databaseUrl = url; }
    /// The --database URL the server got; empty for SQLite in its data folder.
    QString databaseUrl() const { return m_databaseUrl; }

    QUrl url() const { return m_url; }
    QString dataDir() const { return m_dataDir; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString output() const { return m_output; }
    static QString binary();
    /// True in the suite's TLS run (PALAVER_TEST_TLS=1): servers get a throwaway certificate,
    /// listen on wss://, and this process trusts that certificate.
    static bool tlsMode();
    /// True in the suite's PostgreSQL run (PALAVER_TEST_DATABASE=postgresql).
    static bool postgresMode();

private:
    QStringList m_extraArgs;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_output;
    bool m_reusePort = false;
    QString m_databaseUrl;
    std::unique_ptr<PostgresDatabase> m_ownDatabase;
};
