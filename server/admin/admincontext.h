#pragma once
// What every admin subcommand shares: its options (--data-dir, --database, --config, --help), the
// output streams, exit codes and the database, opened the way the server opens it.
#include "server/storage/records.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <memory>
#include <optional>

namespace palaver::server {
class Store;
class StoreFactory;
} // namespace palaver::server

namespace palaver::server::admin {

/// Exit codes of every subcommand.
enum Exit : int { ExitOk = 0, ExitFailed = 1, ExitUsage = 2 };

class AdminContext
{
public:
    /// `words` are the command words ("user", "add"); `args` what follows them.
    AdminContext(QStringList words, QStringList args, QTextStream& out, QTextStream& err);
    ~AdminContext();

    /// Parses the common options, the command's own (already added to `parser`) and
    /// `minPositional`..`maxPositional` positional arguments. Returns an exit code when the
    /// command must end now (--help: 0, a usage error: 2), nullopt to go on.
    std::optional<int> parse(QCommandLineParser& parser, const QString& synopsis,
        const QString& description, int minPositional, int maxPositional);
    QStringList positional() const { return m_positional; }

    /// The resolved data folder and its database file (after parse()).
    QString dataDir() const { return m_dataDir; }
    QString databasePath() const;
    /// The PostgreSQL URL (--database, PALAVER_DATABASE or the config file); empty for SQLite.
    QString databaseUrl() const { return m_databaseUrl; }
    /// For the commands that work on the SQLite file only: prints where to go instead and
    /// returns ExitUsage on PostgreSQL, nullopt on SQLite.
    std::optional<int> refuseOnPostgres(const QString& instead);

    /// The database, created or migrated to this version's schema; null (and an error printed)
    /// when it cannot be opened.
    Store* store();
    /// Runs `job` in one write transaction: committed when it returns ExitOk, else rolled back.
    /// A database error is printed and gives ExitFailed.
    int inTransaction(const std::function<int(Store&)>& job) { return transact(job, true); }
    /// Runs `job` in one read transaction: one consistent snapshot, no write lock.
    int inRead(const std::function<int(Store&)>& job) { return transact(job, false); }

    /// An audit row for an admin command: actor is the operating-system user, address "cli".
    AuditRecord audit(const QString& action, const QString& target, const QString& detail) const;

    QTextStream& out() { return m_out; }
    QTextStream& err() { return m_err; }
    /// Prints "palaver-server: message" to stderr and returns ExitFailed.
    int fail(const QString& message);
    /// Prints the message and a pointer to --help to stderr and returns ExitUsage.
    int usageError(const QString& message);

private:
    int transact(const std::function<int(Store&)>& job, bool write);

    QStringList m_words;
    QStringList m_args;
    QTextStream& m_out;
    QTextStream& m_err;
    QStringList m_positional;
    QString m_dataDir;
    QString m_databaseUrl;
    std::unique_ptr<StoreFactory> m_factory;
    std::unique_ptr<Store> m_store;
};

/// The newest schema version this binary's migrations create.
int latestSchemaVersion();
/// "2026-12-01 10:00:00" in UTC; "-" for 0.
QString formatTime(qint64 ms);
/// Small JSON objects for audit details, e.g. {"sessions_revoked":2}.
QString jsonDetail(std::initializer_list<std::pair<QString, QVariant>> fields);

} // namespace palaver::server::admin
