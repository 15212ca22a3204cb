#pragma once
// A private PostgreSQL cluster for one test: initdb into a temporary folder, pg_ctl on a free
// loopback port with its socket in that folder, stopped (and deleted) with the object. Never
// touches the machine's own clusters. As root (CI) it runs the tools as the `postgres` user,
// since PostgreSQL refuses to run as root.
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

class PostgresServer
{
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    /// initdb (once) and start; false with error() set on failure.
    bool start();
    /// pg_ctl stop -m fast: connections are cut, as in an outage.
    bool stop();

    quint16 port() const { return m_port; }
    /// postgresql://palaver:palaver@127.0.0.1:PORT/DATABASE
    QString url(const QString& database = QStringLiteral("postgres")) const;
    QString error() const { return m_error; }
    /// The folder of initdb, pg_ctl…: `pg_config --bindir`, else the newest
    /// /usr/lib/postgresql/*/bin; empty when PostgreSQL is not installed.
    static QString binDir();

private:
    bool run(const QString& tool, const QStringList& args);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    quint16 m_port = 0;
    bool m_initialised = false;
    bool m_running = false;
    QString m_error;
};
