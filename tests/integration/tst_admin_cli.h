#pragma once
// Runs `palaver-server <admin command>` (the real binary) and collects what it printed.
#include "tests/support/serverprocess.h"

#include <QProcess>
#include <QtDebug>

struct CliResult
{
    int code = -1;
    QString out;
    QString err;
};

/// `args` as given (add --data-dir yourself); `input` goes to stdin, which is then closed.
inline CliResult runCli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(ServerProcess::binary(), args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    CliResult r {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
        QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    if (qEnvironmentVariableIsSet("PALAVER_TEST_SERVER_LOG"))
        qInfo().noquote() << args.join(u' ') << "->" << r.code << "\n" << r.out << r.err;
    return r;
}

/// The same with `--data-dir dir` appended.
inline CliResult runCli(const QString& dir, QStringList args, const QByteArray& input = {})
{
    args << QStringLiteral("--data-dir") << dir;
    return runCli(args, input);
}
