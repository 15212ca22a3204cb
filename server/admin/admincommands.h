#pragma once
// One entry point per command group; each parses its own arguments (see admincli.cpp).
#include <QStringList>
#include <QTextStream>

namespace palaver::server::admin {

int runUserCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runRoomCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runAuditCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runBackupCommand(const QStringList& args, QTextStream& out, QTextStream& err);
int runCheckCommand(const QStringList& args, QTextStream& out, QTextStream& err);

/// For groups with subcommands: the usage of the group and the word that chose none.
int groupUsage(const QString& group, const QString& usage, const QStringList& args,
    QTextStream& out, QTextStream& err);

} // namespace palaver::server::admin
