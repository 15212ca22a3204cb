// palaver: the desktop client. Everything lives in palaver-client-core and the Palaver QML
// module; this file parses the command line, picks the style and palette and loads Main.qml.
#include "qml/app/autopilot.h"
#include "qml/app/benchhooks.h"
#include "qml/app/commandline.h"
#include "qml/app/renderchoice.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QIcon>
#include <QPalette>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QUrl>
#include <QtQml/QQmlExtensionPlugin>
#include <cstdio>
#include <memory>
#include <string_view>

Q_IMPORT_QML_PLUGIN(PalaverPlugin)

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x17, 0x19, 0x1d);
    const QColor base(0x24, 0x27, 0x2e);
    const QColor text(0xe7, 0xe9, 0xee);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, base);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x5b, 0x8c, 0xf0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

// --help and --version answer without a display: QApplication aborts when it finds none (a
// server, an ssh session, a package test in a chroot).
bool asksForHelpOrVersion(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "-h" || arg == "-?" || arg == "--help" || arg == "--help-all" || arg == "-v" ||
            arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("palaver"));
        QCoreApplication::setApplicationVersion(QStringLiteral(PALAVER_VERSION));
        // Prints and exits; returns only when "-v" was an option's value (--profile -v).
        palaver::app::parseCommandLine(app);
    }
    QElapsedTimer sinceMain; // for the PALAVER_BENCH_* hooks only
    sinceMain.start();
    // QApplication, not QGuiApplication: on desktops without a StatusNotifier host,
    // Qt.labs.platform's SystemTrayIcon falls back to QSystemTrayIcon, which needs Widgets.
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Palaver"));
    QApplication::setApplicationName(QStringLiteral("palaver"));
    QApplication::setApplicationDisplayName(QStringLiteral("Palaver"));
    QApplication::setApplicationVersion(QStringLiteral(PALAVER_VERSION));
    // The installed desktop entry's name (resources/): Wayland compositors match the window's
    // app id against it for the icon and the task bar.
    QApplication::setDesktopFileName(QStringLiteral("org.palaver.Palaver"));

    const palaver::app::CommandLine options = palaver::app::parseCommandLine(app);
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "palaver: %s\n", qPrintable(options.error));
        return 64;
    }
    // A profile is a separate application name, hence a separate AppDataLocation
    // (…/Palaver/palaver-NAME/accounts/…) for the cache and the token file.
    QApplication::setApplicationName(palaver::app::applicationNameFor(options.profile));

    if (options.theme == u"dark")
        QApplication::setPalette(darkPalette());
    else if (options.theme == u"light")
        QApplication::setPalette(QPalette(QColor(0xf3, 0xf4, 0xf7)));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/qt/qml/Palaver/icons/palaver.svg")));
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    palaver::app::applyRenderChoice(options.renderer);

    QQmlApplicationEngine engine;
    // Qt 6.4 has no QQmlApplicationEngine::loadFromModule; the module lives under this prefix.
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    engine.setInitialProperties({
        {QStringLiteral("defaultServer"), options.server},
        {QStringLiteral("profile"), options.profile},
    });
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Palaver/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    // Test-only: PALAVER_AUTOPILOT=script.json drives the UI for tools/screenshots.sh.
    std::unique_ptr<palaver::app::Autopilot> autopilot;
    const QString script = qEnvironmentVariable("PALAVER_AUTOPILOT");
    if (!script.isEmpty()) {
        autopilot = std::make_unique<palaver::app::Autopilot>(engine, script);
        autopilot->start();
    }
    // Test-only: PALAVER_BENCH_FIRST_FRAME / PALAVER_BENCH_SCROLL (see benchhooks.h) for
    // bench/RESULTS.md; nothing happens without them.
    palaver::app::BenchHooks::create(engine, sinceMain);
    return QApplication::exec();
}
