#include "benchoptions.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {
const QStringList kScenarios {
    u"ingest"_s, u"fanout"_s, u"latency"_s, u"idle"_s, u"storm"_s, u"catch-up"_s, u"summary"_s};

struct OptionRow
{
    const char16_t* name;
    const char16_t* help;
    bool takesValue = true;
};

// Defaults differ between scenarios (20 connections for ingest, 19,000 for idle), so they
// are in the help text and in each scenario, not in the parser.
const OptionRow kOptions[] = {
    {u"url", u"Server URL, e.g. ws://127.0.0.1:8765/v1; several nodes comma-separated."},
    {u"server-pid", u"Server pid, for its CPU time and RSS (from /proc)."},
    {u"processes",
        u"Generator processes (default 1). Each re-executes palaver-bench with "
        u"--worker K and takes 1/N of the connections; the parent merges their "
        u"results. Needed beyond ~19,000 sockets (one process's fd limit). Not for "
        u"fanout and catch-up."},
    {u"source-addresses",
        u"Bind connection i to 127.0.0.(2 + i mod N) (default 0: the kernel "
        u"picks, 127.0.0.1). Each source address has its own ephemeral port "
        u"range (~28,000), so N addresses allow ~N × 28,000 connections."},
    {u"timeout-s", u"Give up and report what was reached after this long (default 600)."},
    {u"register-parallel",
        u"Registrations in flight (default 16; each costs the server an "
        u"Argon2 hash)."},
    {u"connections", u"ingest: sender connections (20). idle: connections (19000)."},
    {u"in-flight",
        u"ingest: sends in flight per connection (16). fanout: (1). catch-up: the "
        u"writer's (64)."},
    {u"messages", u"ingest: messages per connection (500). fanout: messages (50)."},
    {u"no-listeners", u"ingest: rooms without a listening member.", false},
    {u"members", u"fanout: members of the room (1000)."},
    {u"rooms", u"latency: rooms (100)."},
    {u"room-size", u"latency, idle, storm: members per room (10)."},
    {u"rate", u"latency: sends per second over all rooms, timer-paced (5000)."},
    {u"duration-s", u"latency: seconds of sending (10)."},
    {u"devices",
        u"idle: connections per user (10). storm: (1). Devices of a user resume one "
        u"token."},
    {u"rooms-per-user", u"idle: rooms each user is in (5)."},
    {u"quiet-s", u"idle: seconds of quiet to measure idle CPU (10)."},
    {u"clients", u"storm: clients that drop and reconnect (10000)."},
    {u"missed", u"storm: messages sent to each room while its members are away (100)."},
    {u"reconnect-parallel",
        u"storm: connections opened at a time when reconnecting (0: all "
        u"at once)."},
    {u"events", u"catch-up: events the client misses per round (1000)."},
    {u"repeats", u"catch-up: rounds (50)."},
    {u"worker", u"(internal) run as worker K of --processes."},
    {u"run-id", u"(internal) the run's name prefix, shared by workers."},
};
} // namespace

BenchOptions::BenchOptions()
{
    m_parser.setApplicationDescription(
        u"Palaver load generator. Prints one JSON object per run; exits 1 when a delivery is "
        "missing or duplicated or anything failed.\nScenarios: ingest, fanout, latency, idle, "
        "storm, catch-up.\n`palaver-bench summary FILE…` prints the medians of result files."_s);
    m_parser.addHelpOption();
    m_parser.addPositionalArgument(u"scenario"_s, kScenarios.join(u", "_s));
    for (const OptionRow& row : kOptions) {
        const QString name = QString::fromUtf16(row.name);
        QCommandLineOption option(name, QString::fromUtf16(row.help));
        if (row.takesValue)
            option.setValueName(name == u"url"_s ? u"URL"_s : u"N"_s);
        if (name == u"worker"_s || name == u"run-id"_s)
            option.setFlags(QCommandLineOption::HiddenFromHelp);
        m_parser.addOption(option);
    }
}

bool BenchOptions::parse(const QStringList& arguments)
{
    auto usage = [this](const QString& why) {
        QTextStream err(stderr);
        if (!why.isEmpty())
            err << "palaver-bench: " << why << "\n\n";
        err << m_parser.helpText();
        return false;
    };
    if (!m_parser.parse(arguments))
        return usage(m_parser.errorText());
    if (m_parser.isSet(u"help"_s))
        return usage({});
    const QStringList positional = m_parser.positionalArguments();
    m_scenario = positional.value(0);
    m_files = positional.mid(1);
    if (!kScenarios.contains(m_scenario))
        return usage(u"unknown scenario '%1'"_s.arg(m_scenario));
    if (m_scenario == u"summary"_s)
        return m_files.isEmpty() ? usage(u"summary needs result files"_s) : true;
    for (const QUrl& each : urls())
        if (!each.isValid() || each.scheme() != u"ws"_s)
            return usage(u"--url ws://HOST:PORT/v1 (or several, comma-separated) is required"_s);
    for (const OptionRow& row : kOptions) {
        const QString name = QString::fromUtf16(row.name);
        bool ok = true;
        if (row.takesValue && name != u"url"_s && name != u"run-id"_s && m_parser.isSet(name) &&
            (m_parser.value(name).toLongLong(&ok) < 0 || !ok))
            return usage(u"--%1 wants a whole number >= 0"_s.arg(name));
    }
    if (processes() < 1 || processes() > 64)
        return usage(u"--processes must be 1 to 64"_s);
    if (sourceAddresses() > 250)
        return usage(u"--source-addresses must be at most 250 (127.0.0.2 … 127.0.0.251)"_s);
    return true;
}

QUrl BenchOptions::url() const
{
    return urls().value(0);
}

QList<QUrl> BenchOptions::urls() const
{
    QList<QUrl> urls;
    for (const QString& text : m_parser.value(u"url"_s).split(u',', Qt::SkipEmptyParts))
        urls.append(QUrl(text.trimmed()));
    if (urls.isEmpty())
        urls.append(QUrl());
    return urls;
}

qint64 BenchOptions::integer(QStringView name, qint64 fallback) const
{
    const QString key = name.toString();
    return m_parser.isSet(key) ? m_parser.value(key).toLongLong() : fallback;
}

QStringList BenchOptions::workerArguments(int worker, const QString& runId) const
{
    QStringList args {m_scenario};
    for (const OptionRow& row : kOptions) {
        const QString name = QString::fromUtf16(row.name);
        if (!m_parser.isSet(name) || name == u"worker"_s || name == u"run-id"_s)
            continue;
        args << u"--"_s + name;
        if (row.takesValue)
            args << m_parser.value(name);
    }
    return args << u"--worker"_s << QString::number(worker) << u"--run-id"_s << runId;
}
