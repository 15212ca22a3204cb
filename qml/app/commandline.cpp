#include "qml/app/commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

namespace palaver::app {

CommandLine parseCommandLine(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Palaver desktop client. Environment: PALAVER_SERVER (default server "
        "address), PALAVER_PROFILE, PALAVER_RENDERER, PALAVER_AUTOPILOT (test-only script, see "
        "qml/app/autopilot.h)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
        QStringLiteral(
            "Server address shown on the sign-in page (default ws://127.0.0.1:8765/v1)."),
        QStringLiteral("url"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QStringLiteral("Keep this client's cache and session apart under NAME, e.g. to run two "
                       "clients on one machine."),
        QStringLiteral("name"));
    const QCommandLineOption theme(QStringLiteral("theme"),
        QStringLiteral("Colours: system (default), light or dark."), QStringLiteral("theme"),
        QStringLiteral("system"));
    const QCommandLineOption renderer(QStringLiteral("renderer"),
        QStringLiteral("Drawing: auto (default; the GPU where there is one, else Qt Quick's "
                       "software renderer), software or gpu. Also PALAVER_RENDERER."),
        QStringLiteral("renderer"));
    parser.addOptions({server, profile, theme, renderer});
    parser.process(app);

    CommandLine result;
    result.server = parser.value(server);
    if (result.server.isEmpty())
        result.server =
            qEnvironmentVariable("PALAVER_SERVER", QStringLiteral("ws://127.0.0.1:8765/v1"));
    result.profile =
        parser.isSet(profile) ? parser.value(profile) : qEnvironmentVariable("PALAVER_PROFILE");
    result.theme = parser.value(theme);
    result.renderer = parser.isSet(renderer)
        ? parser.value(renderer)
        : qEnvironmentVariable("PALAVER_RENDERER", QStringLiteral("auto"));

    static const QRegularExpression profileName(QStringLiteral("^[A-Za-z0-9_-]{1,32}$"));
    if (!result.profile.isEmpty() && !profileName.match(result.profile).hasMatch())
        result.error = QStringLiteral("--profile takes 1–32 letters, digits, '-' or '_'");
    if (result.theme != u"system" && result.theme != u"light" && result.theme != u"dark")
        result.error = QStringLiteral("--theme is system, light or dark");
    if (result.renderer != u"auto" && result.renderer != u"software" && result.renderer != u"gpu")
        result.error = QStringLiteral("--renderer is auto, software or gpu");
    return result;
}

QString applicationNameFor(const QString& profile)
{
    return profile.isEmpty() ? QStringLiteral("palaver") : QStringLiteral("palaver-") + profile;
}

} // namespace palaver::app
