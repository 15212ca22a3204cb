// palaver-bench SCENARIO [options] --url ws://127.0.0.1:PORT/v1 — prints one JSON object.
// palaver-bench summary FILE… — prints the medians of result files.
#include "benchcoordinator.h"
#include "benchoptions.h"
#include "catchupscenario.h"
#include "fanoutscenario.h"
#include "idlescenario.h"
#include "ingestscenario.h"
#include "latencyscenario.h"
#include "resultsummary.h"
#include "stormscenario.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
std::unique_ptr<BenchScenario> makeScenario(const BenchOptions& options)
{
    const QString name = options.scenario();
    if (name == u"ingest"_s)
        return std::make_unique<IngestScenario>(options);
    if (name == u"fanout"_s)
        return std::make_unique<FanoutScenario>(options);
    if (name == u"latency"_s)
        return std::make_unique<LatencyScenario>(options);
    if (name == u"idle"_s)
        return std::make_unique<IdleScenario>(options);
    if (name == u"storm"_s)
        return std::make_unique<StormScenario>(options);
    return std::make_unique<CatchUpScenario>(options);
}
} // namespace

int main(int argc, char** argv)
{
    // Qt's UNIX dispatcher, not GLib's: GLib keeps socket notifiers in a list that every
    // enable/disable walks, which costs the generator dearly at 1,000+ sockets.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    BenchOptions options;
    if (!options.parse(app.arguments()))
        return 2;
    if (options.scenario() == u"summary"_s)
        return ResultSummary::print(options.files());

    const std::unique_ptr<BenchScenario> scenario = makeScenario(options);
    if (options.processes() > 1 && !scenario->splits()) {
        QTextStream(stderr) << "palaver-bench: " << scenario->name()
                            << " runs in one process; drop --processes\n";
        return 2;
    }
    BenchCoordinator coordinator(*scenario, options);
    int exitCode = 1;
    QObject::connect(
        &coordinator, &BenchCoordinator::finished, &app, [&](const QJsonObject& result, bool ok) {
            // A worker has already written its partial result for the parent.
            if (!coordinator.isWorker())
                QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
            exitCode = coordinator.isWorker() || ok ? 0 : 1;
            app.quit();
        });
    coordinator.run();
    app.exec();
    return exitCode;
}
