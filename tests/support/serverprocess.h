#pragma once
// Runs the real palaver-server binary on a free loopback port with its own data folder.
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

class ServerProcess
{
public:
    /// `extraArgs` are added to --listen/--data-dir; the data folder is temporary unless given.
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

    QUrl url() const { return m_url; }
    QString dataDir() const { return m_dataDir; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString output() const { return m_output; }
    static QString binary();
    /// True in the suite's TLS run (PALAVER_TEST_TLS=1): servers get a throwaway certificate,
    /// listen on wss://, and this process trusts that certificate.
    static bool tlsMode();

private:
    QStringList m_extraArgs;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_output;
    bool m_reusePort = false;
};
