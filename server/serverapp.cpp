#include "server/serverapp.h"

#include "server/config/serverconfig.h"
#include "server/net/chatserver.h"
#include "server/net/signalwatcher.h"

#include <QCoreApplication>
#include <QTextStream>
#include <csignal>
#include <sys/resource.h>

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
} // namespace

int runServer(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("palaver-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("Palaver"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PALAVER_VERSION));

    const auto parsed = parseServerConfig(QCoreApplication::arguments());
    if (const auto* exit = std::get_if<ConfigExit>(&parsed)) {
        QTextStream(exit->exitCode == 0 ? stdout : stderr) << exit->text << Qt::endl;
        return exit->exitCode;
    }
    raiseFileLimit();
    ChatServer server(std::get<ServerConfig>(parsed));
    QString error;
    if (!server.start(&error)) {
        QTextStream(stderr) << "palaver-server: " << error << Qt::endl;
        return 1;
    }
    // Tools and tests read this line to learn the port when they asked for port 0.
    QTextStream(stdout) << "palaver-server listening on " << server.url() << Qt::endl;

    SignalWatcher signals({SIGINT, SIGTERM});
    QObject::connect(&signals, &SignalWatcher::received, &server, &ChatServer::shutdown);
    QObject::connect(&server, &ChatServer::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}

} // namespace palaver::server
