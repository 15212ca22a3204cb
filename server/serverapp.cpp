#include "server/serverapp.h"

#include "server/admin/admincli.h"
#include "server/config/serverconfig.h"
#include "server/logging.h"
#include "server/net/chatserver.h"
#include "server/net/signalwatcher.h"

#include <QCoreApplication>
#include <QTextStream>
#include <csignal>
#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace palaver::server {
namespace {
// Every client is a socket: the default soft limit (often 1024) would cap a server far below
// what it can hold, so take everything the hard limit allows.
void raiseFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// glibc hands freed memory at the top of each thread's arena back to the kernel as soon as
// 128 KiB are free (madvise), and the writer thread's batches free and regrow that much all the
// time: the profile showed madvise and its TLB shootdowns at about 15 % of the server's CPU
// under load. Keeping up to 64 MiB of freed heap costs little and removes it (bench/RESULTS.md).
void tuneAllocator()
{
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

// Qt's GLib event dispatcher keeps socket notifiers in a linked list: enabling or disabling
// one (every socket's write notifier, on every flush) walks all of them, so a push to 1,000
// sockets cost a million list steps. Qt's own UNIX dispatcher keeps them in a hash.
// Setting QT_NO_GLIB to an empty value keeps GLib.
void chooseEventDispatcher()
{
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
}
} // namespace

int runServer(int argc, char** argv)
{
    tuneAllocator();
    chooseEventDispatcher();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("palaver-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Palaver"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PALAVER_VERSION));

    // `palaver-server user …`, `backup …`: admin commands on the data folder, no serving.
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 1 && admin::isAdminCommand(arguments.at(1)))
        return admin::runAdminCommand(arguments);
    const auto parsed = parseServerConfig(arguments);
    if (const auto* exit = std::get_if<ConfigExit>(&parsed)) {
        QTextStream(exit->exitCode == 0 ? stdout : stderr) << exit->text << Qt::endl;
        if (arguments.contains(QStringLiteral("--help")) ||
            arguments.contains(QStringLiteral("-h")))
            QTextStream(stdout) << '\n' << admin::adminCommandsHelp() << Qt::endl;
        return exit->exitCode;
    }
    const ServerConfig& config = std::get<ServerConfig>(parsed);
    installLogging(config.logLevel, config.logFormat);
    raiseFileLimit();
    // OpenSSL writes to TLS sockets with write(), which raises SIGPIPE when a peer has gone
    // (plain sockets use MSG_NOSIGNAL): a vanished client must not end the server.
    std::signal(SIGPIPE, SIG_IGN);
    ChatServer server(config);
    QString error;
    if (!server.start(&error)) {
        QTextStream(stderr) << "palaver-server: " << error << Qt::endl;
        return 1;
    }
    // Tools and tests read this line to learn the port when they asked for port 0.
    QTextStream(stdout) << "palaver-server listening on " << server.url() << Qt::endl;
    if (!server.tlsFingerprint().isEmpty()) // what users compare when their client asks
        QTextStream(stdout) << "TLS certificate SHA-256 fingerprint: " << server.tlsFingerprint()
                            << Qt::endl;

    SignalWatcher signals({SIGINT, SIGTERM});
    QObject::connect(&signals, &SignalWatcher::received, &server, &ChatServer::shutdown);
    QObject::connect(&server, &ChatServer::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}

} // namespace palaver::server
