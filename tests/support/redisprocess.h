#pragma once
// Runs a real redis-server on a free loopback port for tests: no persistence, optional password.
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

class RedisProcess
{
public:
    /// With a password the server requires AUTH (--requirepass).
    explicit RedisProcess(QString password = {});
    ~RedisProcess();

    /// Starts and waits until it accepts connections. The first start picks a free port unless
    /// setPort() chose one; later starts keep it. Returns false (and logs why) on failure,
    /// including when no redis-server is installed.
    bool start();
    /// SIGTERM to this server's PID and wait; returns the exit code (-1 if it had to be killed).
    int stop();
    /// SIGKILL: Redis gets no chance to close its connections cleanly.
    void kill();
    /// stop() if running, then start() on the same port.
    bool restart();
    /// Uses this port from the next start() on (e.g. one a test watched clients fail on).
    void setPort(quint16 port) { m_port = port; }

    quint16 port() const { return m_port; }
    QString password() const { return m_password; }
    /// redis://127.0.0.1:PORT, with :PASSWORD@ when there is one (percent-encoded).
    QString url() const;
    bool isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }
    QString output() const { return m_output; }
    /// redis-server from PATH, else /usr/bin/redis-server; empty when neither exists.
    static QString binary();

private:
    bool startOnce();

    QString m_password;
    quint16 m_port = 0;
    QTemporaryDir m_dir; ///< its working directory, so nothing lands in the build tree
    std::unique_ptr<QProcess> m_process;
    QString m_output;
};
