#pragma once

#include <QString>

class QCoreApplication;

namespace palaver::app {

/// What `palaver` was started with.
struct CommandLine
{
    QString server; // prefilled on the sign-in page
    QString profile; // separate app-data folder, so two clients can run side by side
    QString theme; // "system", "light" or "dark"
    QString renderer; // "auto", "software" or "gpu" (see renderchoice.h)
    QString error; // set when the arguments are unusable
};

/// Parses the command line (QCommandLineParser; --help and --version exit here).
CommandLine parseCommandLine(const QCoreApplication& app);

/// Application name for QStandardPaths: "palaver", or "palaver-NAME" with --profile NAME.
QString applicationNameFor(const QString& profile);

} // namespace palaver::app
