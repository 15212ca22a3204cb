// palaver-bench SCENARIO [options] --url ws://127.0.0.1:PORT/v1 — prints one JSON object.
#include "fanoutscenario.h"
#include "ingestscenario.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>
#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Palaver load generator. Scenarios: ingest, fanout."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"scenario"_s, u"ingest or fanout"_s);
    const QCommandLineOption url(u"url"_s, u"Server URL, e.g. ws://127.0.0.1:8765/v1."_s, u"URL"_s);
    const QCommandLineOption connections(
        u"connections"_s, u"Sender connections (default 20)."_s, u"N"_s, u"20"_s);
    const QCommandLineOption inFlight(
        u"in-flight"_s, u"Sends in flight per connection (default 16)."_s, u"N"_s, u"16"_s);
    const QCommandLineOption messages(
        u"messages"_s, u"Messages per connection (default 500)."_s, u"N"_s, u"500"_s);
    const QCommandLineOption noListeners(u"no-listeners"_s, u"Rooms without a listening member."_s);
    const QCommandLineOption members(
        u"members"_s, u"fanout: members of the room (default 1000)."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption pid(
        u"server-pid"_s, u"Server pid, for its CPU time and peak RSS."_s, u"PID"_s, u"0"_s);
    parser.addOptions({url, connections, inFlight, messages, noListeners, members, pid});
    parser.process(app);
    const QString scenarioName = parser.positionalArguments().value(0);
    if ((scenarioName != u"ingest"_s && scenarioName != u"fanout"_s) || !parser.isSet(url)) {
        QTextStream(stderr) << parser.helpText();
        return 2;
    }
    int exitCode = 1;
    auto report = [&](const QJsonObject& result, bool ok) {
        QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
        exitCode = ok ? 0 : 1;
        app.quit();
    };
    std::unique_ptr<QObject> scenario;
    if (scenarioName == u"fanout"_s) {
        FanoutParams params;
        params.url = QUrl(parser.value(url));
        params.members = parser.value(members).toInt();
        params.messages = parser.isSet(messages) ? parser.value(messages).toInt() : 50;
        params.inFlight = parser.isSet(inFlight) ? parser.value(inFlight).toInt() : 1;
        params.serverPid = parser.value(pid).toLongLong();
        auto* fanout = new FanoutScenario(params);
        QObject::connect(fanout, &FanoutScenario::finished, &app,
            [&, fanout](bool ok) { report(fanout->result(), ok); });
        fanout->start();
        scenario.reset(fanout);
    } else {
        IngestParams params;
        params.url = QUrl(parser.value(url));
        params.connections = parser.value(connections).toInt();
        params.inFlight = parser.value(inFlight).toInt();
        params.messagesPerConnection = parser.value(messages).toInt();
        params.listeners = !parser.isSet(noListeners);
        params.serverPid = parser.value(pid).toLongLong();
        auto* ingest = new IngestScenario(params);
        QObject::connect(ingest, &IngestScenario::finished, &app,
            [&, ingest](bool ok) { report(ingest->result(), ok); });
        ingest->start();
        scenario.reset(ingest);
    }
    app.exec();
    return exitCode;
}
