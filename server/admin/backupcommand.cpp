// palaver-server backup --to FILE [--force]: a consistent copy of the live database.
#include "server/admin/admincommands.h"
#include "server/admin/admincontext.h"
#include "server/admin/sqlitefile.h"
#include "server/admin/texttable.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <cstdio>
#include <sqlite3.h>

namespace palaver::server::admin {
namespace {
// SQLite's online backup copies every page inside one read transaction of the source when it
// is stepped with -1: in WAL mode that is one snapshot, taken while the server keeps writing
// (the writer is never blocked), so the copy holds exactly the commits before that moment.
QString copyDatabase(SqliteFile& source, SqliteFile& target)
{
    sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source.handle(), "main");
    if (!backup)
        return QString::fromUtf8(sqlite3_errmsg(target.handle()));
    int rc = SQLITE_OK;
    // BUSY/LOCKED only while another connection holds a lock briefly (a checkpoint): retry
    // a bounded number of times; a sleep because SQLite offers nothing to wait on here.
    for (int attempt = 0; attempt < 100; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        sqlite3_sleep(50);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return QString::fromUtf8(sqlite3_errstr(rc));
    return {};
}
} // namespace

int runBackupCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    AdminContext ctx({QStringLiteral("backup")}, args, out, err);
    QCommandLineParser parser;
    const QCommandLineOption to(
        QStringLiteral("to"), QStringLiteral("The backup file to write."), QStringLiteral("FILE"));
    const QCommandLineOption force(
        QStringLiteral("force"), QStringLiteral("Overwrite FILE if it exists."));
    parser.addOptions({to, force});
    if (const auto exit = ctx.parse(parser, QStringLiteral("backup --to FILE [--force]"),
            QStringLiteral("Write a consistent copy of the database, also while the server "
                           "runs; the copy is checked with integrity_check."),
            0, 0))
        return *exit;
    if (const auto exit = ctx.refuseOnPostgres(
            QStringLiteral("back it up with pg_dump (e.g. pg_dump -Fc -f FILE DB)")))
        return *exit;
    if (!parser.isSet(to) || parser.value(to).isEmpty())
        return ctx.usageError(QStringLiteral("--to FILE is required"));
    const QString file = QFileInfo(parser.value(to)).absoluteFilePath();
    if (!QFileInfo::exists(ctx.databasePath()))
        return ctx.fail(QStringLiteral("no database at %1").arg(ctx.databasePath()));
    if (QFileInfo::exists(file) && !parser.isSet(force))
        return ctx.fail(QStringLiteral("%1 exists; add --force to overwrite it").arg(file));

    // Written beside the target and renamed over it: a failed or interrupted backup never
    // leaves a half file under the name, nor destroys an older backup.
    const QString partial =
        QStringLiteral("%1.partial-%2").arg(file).arg(QCoreApplication::applicationPid());
    QFile::remove(partial);
    QString problem;
    QString version;
    QString counts;
    {
        SqliteFile source(ctx.databasePath(), false);
        SqliteFile target(partial, true);
        if (!source.ok())
            problem = QStringLiteral("cannot open %1: %2").arg(ctx.databasePath(), source.error());
        else if (!target.ok())
            problem = QStringLiteral("cannot create %1: %2").arg(partial, target.error());
        else
            problem = copyDatabase(source, target);
        // A self-contained single file: the copy is no WAL database of its own.
        if (problem.isEmpty() && !target.rows(QStringLiteral("PRAGMA journal_mode = DELETE")))
            problem = target.error();
        if (problem.isEmpty()) {
            const auto integrity = target.rows(QStringLiteral("PRAGMA integrity_check"), 20);
            if (!integrity || integrity->value(0) != QLatin1String("ok"))
                problem =
                    QStringLiteral("the copy fails integrity_check: %1")
                        .arg(integrity ? integrity->join(QStringLiteral("; ")) : target.error());
            version = target.scalar(QStringLiteral("SELECT MAX(version) FROM schema_version"))
                          .value_or(QStringLiteral("?"));
            counts = target
                         .scalar(QStringLiteral("SELECT (SELECT COUNT(*) FROM users) || ' "
                                                "users, ' || (SELECT COUNT(*) FROM rooms) || "
                                                "' rooms, ' || (SELECT COUNT(*) FROM events) "
                                                "|| ' events'"))
                         .value_or(QString());
        }
    }
    if (!problem.isEmpty()) {
        QFile::remove(partial);
        return ctx.fail(QStringLiteral("backup failed: %1").arg(problem));
    }
    if (std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(file).constData()) !=
        0) {
        QFile::remove(partial);
        return ctx.fail(QStringLiteral("cannot rename %1 to %2").arg(partial, file));
    }
    printFields(out,
        {{QStringLiteral("backup"), file}, {QStringLiteral("from"), ctx.databasePath()},
            {QStringLiteral("size"), QStringLiteral("%1 bytes").arg(QFileInfo(file).size())},
            {QStringLiteral("schema"), QStringLiteral("version %1").arg(version)},
            {QStringLiteral("contents"), counts},
            {QStringLiteral("integrity"), QStringLiteral("ok")}});
    return ExitOk;
}

} // namespace palaver::server::admin
