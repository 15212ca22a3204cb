#pragma once
// Runs a scenario in this process, or spreads it over worker processes and lines them up.
//
// With --processes N the parent re-executes palaver-bench N times with --worker K. Workers talk
// to the parent over their stdin/stdout, one line each way per event:
//   worker → parent  "@barrier PHASE"   reached PHASE, waiting
//   parent → worker  "go PHASE"         every worker reached PHASE and the parent measured
//   worker → parent  "@result {json}"   the worker's partial BenchReport; it then exits
// The parent runs the scenario's coordinator side (onBarrier, result) and prints the merged
// JSON. Workers' stderr passes through.
#include "benchreport.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <functional>
#include <vector>

class BenchOptions;
class BenchScenario;
class QProcess;
class QSocketNotifier;

class BenchCoordinator : public QObject
{
    Q_OBJECT
public:
    BenchCoordinator(
        BenchScenario& scenario, const BenchOptions& options, QObject* parent = nullptr);
    void run();
    /// Scenario (worker side): this process reached `phase`; `go` runs when all may go on.
    void arrive(const QString& phase, std::function<void()> go);
    /// Scenario (worker side): this process is done.
    void submit(const BenchReport& partial);
    bool isWorker() const { return m_role == Role::Worker; }

Q_SIGNALS:
    /// The final JSON (the parent's or the single process's); a worker emits its partial.
    void finished(const QJsonObject& result, bool ok);

private:
    enum class Role { Single, Parent, Worker };
    struct Worker
    {
        QProcess* process = nullptr;
        QByteArray output;
        QString waitingAt; ///< the barrier it is waiting at, empty when running
        bool done = false; ///< sent its result (or died): no longer waited for at barriers
        bool exited = false;
    };
    void startWorkers();
    void onWorkerOutput(int index);
    void onWorkerFinished(int index, int exitCode);
    void maybeRelease();
    void maybeFinish();
    void readStdin();

    BenchScenario& m_scenario;
    const BenchOptions& m_options;
    Role m_role = Role::Single;
    // parent
    std::vector<Worker> m_workers;
    BenchReport m_merged;
    bool m_releasing = false;
    bool m_finished = false;
    // worker
    QSocketNotifier* m_stdin = nullptr;
    QByteArray m_input;
    QString m_waitingAt;
    std::function<void()> m_go;
};
