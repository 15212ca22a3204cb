// palaver-server check [--file FILE]: is the database sound, and is its schema this version's?
#include "server/admin/admincommands.h"
#include "server/admin/admincontext.h"
#include "server/admin/sqlitefile.h"
#include "server/admin/texttable.h"

#include <QFileInfo>

namespace palaver::server::admin {
namespace {
// integrity_check can name thousands of damaged cells (one row may hold many lines): the first
// few say enough, the count says how bad it is.
QString summary(const QStringList& rows)
{
    QStringList problems;
    for (const QString& row : rows)
        problems += row.split(u'\n', Qt::SkipEmptyParts);
    constexpr int kShown = 5;
    QString text = problems.mid(0, kShown).join(QStringLiteral("; "));
    if (problems.size() > kShown)
        text += QStringLiteral(" (and %1 more)").arg(problems.size() - kShown);
    return text;
}
} // namespace

int runCheckCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    AdminContext ctx({QStringLiteral("check")}, args, out, err);
    QCommandLineParser parser;
    const QCommandLineOption file(QStringLiteral("file"),
        QStringLiteral("Check this database file (e.g. a backup) instead of the data folder's."),
        QStringLiteral("FILE"));
    parser.addOption(file);
    if (const auto exit = ctx.parse(parser, QStringLiteral("check [--file FILE]"),
            QStringLiteral("Run integrity_check and foreign_key_check and compare the schema "
                           "version: exit 0 when all is well, 1 with a report otherwise."),
            0, 0))
        return *exit;
    // A --file is a SQLite file (a backup) wherever the server keeps its data.
    if (!parser.isSet(file)) {
        if (const auto exit = ctx.refuseOnPostgres(
                QStringLiteral("PostgreSQL checks its own pages; verify a dump with pg_restore "
                               "--list, or amcheck's verify_heapam")))
            return *exit;
    }
    const QString path = parser.isSet(file) ? parser.value(file) : ctx.databasePath();
    if (!QFileInfo(path).isFile())
        return ctx.fail(QStringLiteral("no database at %1").arg(path));

    // Opened as it is, never migrated: a damaged file is reported, not written to.
    SqliteFile db(path, false);
    QList<std::pair<QString, QString>> report {{QStringLiteral("database"), path}};
    bool sound = db.ok();
    if (!db.ok())
        report.append({QStringLiteral("open"), QStringLiteral("FAILED: ") + db.error()});

    if (db.ok()) {
        const auto integrity = db.rows(QStringLiteral("PRAGMA integrity_check"), 100);
        const bool ok =
            integrity && integrity->size() == 1 && integrity->first() == QLatin1String("ok");
        sound = sound && ok;
        report.append({QStringLiteral("integrity"),
            ok ? QStringLiteral("ok")
               : QStringLiteral("FAILED: ") + (integrity ? summary(*integrity) : db.error())});

        const auto foreignKeys = db.rows(QStringLiteral("PRAGMA foreign_key_check"), 20);
        const bool fkOk = foreignKeys && foreignKeys->isEmpty();
        sound = sound && fkOk;
        report.append({QStringLiteral("foreign keys"),
            fkOk
                ? QStringLiteral("ok")
                : QStringLiteral("FAILED: ") + (foreignKeys ? summary(*foreignKeys) : db.error())});

        const int latest = latestSchemaVersion();
        const auto version = db.scalar(QStringLiteral("SELECT MAX(version) FROM schema_version"));
        QString schema;
        if (!version) {
            sound = false;
            schema = QStringLiteral("FAILED: no schema_version (%1)").arg(db.error());
        } else if (version->toInt() > latest) {
            sound = false;
            schema = QStringLiteral("FAILED: version %1 is newer than this server's %2")
                         .arg(*version)
                         .arg(latest);
        } else if (version->toInt() < latest) {
            schema = QStringLiteral("version %1 (this server migrates it to %2 at start)")
                         .arg(*version)
                         .arg(latest);
        } else {
            schema = QStringLiteral("version %1 (current)").arg(*version);
        }
        report.append({QStringLiteral("schema"), schema});
    }
    printFields(out, report);
    if (!sound)
        err << "palaver-server: check failed" << Qt::endl;
    else
        out << "check passed" << Qt::endl;
    return sound ? ExitOk : ExitFailed;
}

} // namespace palaver::server::admin
