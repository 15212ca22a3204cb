#include "server/admin/admincli.h"

#include "server/admin/admincommands.h"
#include "server/admin/admincontext.h"

#include <QTextStream>

namespace palaver::server::admin {
namespace {
using Runner = int (*)(const QStringList&, QTextStream&, QTextStream&);

struct Command
{
    const char* word;
    Runner run;
};

constexpr Command kCommands[] = {
    {"user", runUserCommand},
    {"room", runRoomCommand},
    {"audit", runAuditCommand},
    {"backup", runBackupCommand},
    {"check", runCheckCommand},
};
} // namespace

bool isAdminCommand(const QString& word)
{
    for (const Command& c : kCommands) {
        if (word == QLatin1String(c.word))
            return true;
    }
    return false;
}

int runAdminCommand(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString word = arguments.value(1);
    for (const Command& c : kCommands) {
        if (word == QLatin1String(c.word))
            return c.run(arguments.mid(2), out, err);
    }
    err << "palaver-server: unknown command '" << word << "'" << Qt::endl;
    return ExitUsage;
}

QString adminCommandsHelp()
{
    return QStringLiteral(
        "Admin commands (on the data folder; safe while the server runs):\n"
        "  user add NAME [--display-name X] [--password-stdin]\n"
        "  user list | user disable NAME | user enable NAME\n"
        "  user reset-password NAME [--password-stdin]\n"
        "  room list | room show ID | room delete ID\n"
        "  audit [--since DATE|DURATION] [--limit N]\n"
        "  backup --to FILE [--force]\n"
        "  check [--file FILE]\n"
        "Each takes --data-dir DIR and --config FILE; 'palaver-server COMMAND --help' shows its "
        "usage.\nExit codes: 0 ok, 1 the operation failed, 2 usage error.");
}

int groupUsage(const QString& group, const QString& usage, const QStringList& args,
    QTextStream& out, QTextStream& err)
{
    const QString first = args.value(0);
    if (first == QLatin1String("--help") || first == QLatin1String("-h")) {
        out << "Usage:\n" << usage << Qt::endl;
        return ExitOk;
    }
    if (first.isEmpty())
        err << "palaver-server " << group << ": missing subcommand\n";
    else
        err << "palaver-server " << group << ": unknown subcommand '" << first << "'\n";
    err << "Usage:\n" << usage << Qt::endl;
    return ExitUsage;
}

} // namespace palaver::server::admin
