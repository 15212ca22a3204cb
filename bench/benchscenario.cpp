#include "benchscenario.h"

#include "benchcoordinator.h"
#include "processprobe.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

BenchScenario::BenchScenario(QString name, const BenchOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_endpoint(options.urls(), options.sourceAddresses(), std::max(options.worker(), 0))
    , m_worker(std::max(options.worker(), 0))
    , m_workers(options.processes())
    , m_serverPid(options.serverPid())
    , m_name(std::move(name))
    , m_runId(options.runId())
{
    if (m_runId.isEmpty())
        m_runId = QString::number(QRandomGenerator::global()->bounded(36 * 36 * 36 * 36), 36);
    // The machine is shared in most setups: the load beside the run is part of its result.
    m_loadAtStart = ProcessProbe::loadAverage();
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this,
        [this] { fail(u"timed out in phase '%1'"_s.arg(m_phase)); });
}

void BenchScenario::run()
{
    m_timeout.start(int(m_options.integer(u"timeout-s", 600) * 1000));
    start();
}

void BenchScenario::barrier(const QString& phase, std::function<void()> go)
{
    const qint64 self = QCoreApplication::applicationPid();
    if (phase == u"end"_s)
        m_report.generatorCpuS = ProcessProbe::cpuSeconds(self) - m_generatorCpuAtStart;
    m_phase = u"waiting for the other processes at "_s + phase;
    m_coordinator->arrive(phase, [this, phase, self, go = std::move(go)] {
        m_phase = phase;
        if (phase == u"start"_s)
            m_generatorCpuAtStart = ProcessProbe::cpuSeconds(self);
        go();
    });
}

void BenchScenario::onBarrier(const QString& phase, std::function<void()> release)
{
    if (phase == u"start"_s)
        m_serverCpuAtStart = ProcessProbe::cpuSeconds(m_serverPid);
    else if (phase == u"end"_s)
        m_serverCpuAtEnd = ProcessProbe::cpuSeconds(m_serverPid);
    release();
}

void BenchScenario::report()
{
    if (m_reported)
        return;
    m_reported = true;
    m_timeout.stop();
    m_coordinator->submit(m_report);
}

void BenchScenario::fail(const QString& why)
{
    if (m_reported)
        return;
    m_report.errors.append(m_workers > 1 ? u"worker %1: %2"_s.arg(m_worker).arg(why) : why);
    report();
}

int BenchScenario::share(qint64 total) const
{
    return int(total / m_workers + (m_worker < total % m_workers ? 1 : 0));
}

QString BenchScenario::userPrefix() const
{
    return u"%1%2w%3_"_s.arg(m_name.at(0)).arg(m_runId).arg(m_worker);
}

bool BenchScenario::addFigures(QJsonObject&, const BenchReport&)
{
    return true;
}

QJsonObject BenchScenario::result(const BenchReport& merged)
{
    QJsonObject json = merged.commonJson();
    json.insert(u"scenario"_s, m_name);
    json.insert(u"params"_s, params());
    json.insert(u"processes"_s, m_workers);
    json.insert(u"source_addresses"_s, m_endpoint.sourceAddresses());
    QJsonObject server {{u"cpu_s"_s, QJsonValue::Null}, {u"peak_rss_kb"_s, QJsonValue::Null}};
    QJsonValue cpuPerMessage = QJsonValue::Null;
    if (m_serverPid > 0) {
        // A window the run never reached (it failed in setup) has no CPU figure.
        const bool window = m_serverCpuAtStart >= 0 && m_serverCpuAtEnd >= 0;
        const double cpu = window ? m_serverCpuAtEnd - m_serverCpuAtStart : 0.0;
        server = {{u"cpu_s"_s, window ? QJsonValue(cpu) : QJsonValue::Null},
            {u"peak_rss_kb"_s, ProcessProbe::peakRssKb(m_serverPid)},
            {u"rss_kb"_s, ProcessProbe::rssKb(m_serverPid)}};
        if (window && merged.acked > 0)
            cpuPerMessage = cpu * 1e6 / double(merged.acked);
    }
    json.insert(u"server"_s, server);
    json.insert(u"cpu_us_per_msg"_s, cpuPerMessage);
    json.insert(u"load_average_1m"_s,
        QJsonObject {{u"start"_s, m_loadAtStart}, {u"end"_s, ProcessProbe::loadAverage()}});
    bool ok = merged.errors.isEmpty() && merged.missing() == 0 && merged.duplicates == 0 &&
        merged.refused == 0 && merged.acked == merged.sent;
    ok = addFigures(json, merged) && ok;
    json.insert(u"ok"_s, ok);
    return json;
}
