#pragma once
// The base of every scenario. A scenario has two sides:
// - the worker side (start() … report()) opens connections and measures; it runs in the one
//   process, or in each of --processes worker processes with its share of the work;
// - the coordinator side (onBarrier(), result()) runs once, in the one process or in the
//   parent: it measures the server between phases and builds the JSON from the merged report.
// Phases line up through barriers: every process reaches "start", the coordinator notes the
// server's CPU time, then all go on together.
#include "benchendpoint.h"
#include "benchoptions.h"
#include "benchreport.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <functional>

class BenchCoordinator;

class BenchScenario : public QObject
{
    Q_OBJECT
public:
    BenchScenario(QString name, const BenchOptions& options, QObject* parent = nullptr);
    QString name() const { return m_name; }
    virtual QJsonObject params() const = 0;
    /// False when the scenario is one room or one client and cannot be split over processes.
    virtual bool splits() const { return true; }
    void setCoordinator(BenchCoordinator* coordinator) { m_coordinator = coordinator; }
    /// Worker side: arms the timeout and starts.
    void run();
    /// Coordinator side: every process reached `phase`. Measures, then calls release().
    /// The base notes the server's CPU time at "start" and "end".
    virtual void onBarrier(const QString& phase, std::function<void()> release);
    /// Coordinator side: the JSON printed for the run, with "ok".
    QJsonObject result(const BenchReport& merged);

protected:
    virtual void start() = 0;
    /// Coordinator side: scenario-specific figures and checks; return false to fail the run.
    virtual bool addFigures(QJsonObject& json, const BenchReport& merged);
    /// Worker side: waits until every process reached `phase`, then runs `go`.
    void barrier(const QString& phase, std::function<void()> go);
    /// Worker side: hands m_report to the coordinator (once).
    void report();
    void fail(const QString& why);
    /// This process's part of `total` (all of it without worker processes).
    int share(qint64 total) const;
    /// A username prefix unique to this run and process, e.g. "l3kx9w0_".
    QString userPrefix() const;

    const BenchOptions& m_options;
    BenchEndpoint m_endpoint;
    BenchReport m_report;
    int m_worker = 0;
    int m_workers = 1;
    qint64 m_serverPid = 0;
    QString m_phase = QStringLiteral("setup");
    bool m_reported = false;

private:
    QString m_name;
    QString m_runId;
    BenchCoordinator* m_coordinator = nullptr;
    QTimer m_timeout;
    double m_generatorCpuAtStart = 0;
    double m_serverCpuAtStart = -1;
    double m_serverCpuAtEnd = -1;
    double m_loadAtStart = -1;
};
