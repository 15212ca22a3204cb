#pragma once
#include <QString>
#include <QStringList>

namespace palaver::server::admin {

/// True when `word` (argv[1]) names an admin subcommand rather than a server option.
bool isAdminCommand(const QString& word);
/// Runs `palaver-server WORD …` (arguments() of the application); returns the exit code:
/// 0 ok, 1 the operation failed, 2 usage error.
int runAdminCommand(const QStringList& arguments);
/// The subcommand summary that `palaver-server --help` appends.
QString adminCommandsHelp();

} // namespace palaver::server::admin
