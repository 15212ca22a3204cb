#pragma once
// A fresh database for one test on the PostgreSQL server that PALAVER_TEST_POSTGRES names
// (test.sh starts a private one): created with a unique name, dropped again at the end.
#include <QString>

class PostgresDatabase
{
public:
    /// Creates the database on `serverUrl` (default: PALAVER_TEST_POSTGRES), any database
    /// of that server being the one to connect to for CREATE/DROP.
    explicit PostgresDatabase(QString serverUrl = qEnvironmentVariable("PALAVER_TEST_POSTGRES"));
    /// Drops it, ending connections left over (a killed server's).
    ~PostgresDatabase();
    PostgresDatabase(const PostgresDatabase&) = delete;
    PostgresDatabase& operator=(const PostgresDatabase&) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    /// The new database's URL, for --database.
    QString url() const { return m_url; }

private:
    bool execute(const QString& sql);

    QString m_serverUrl;
    QString m_name;
    QString m_url;
    QString m_error;
};
