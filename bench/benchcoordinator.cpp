#include "benchcoordinator.h"

#include "benchoptions.h"
#include "benchscenario.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

BenchCoordinator::BenchCoordinator(
    BenchScenario& scenario, const BenchOptions& options, QObject* parent)
    : QObject(parent)
    , m_scenario(scenario)
    , m_options(options)
{
    if (options.worker() >= 0)
        m_role = Role::Worker;
    else if (options.processes() > 1)
        m_role = Role::Parent;
    m_scenario.setCoordinator(this);
}

void BenchCoordinator::run()
{
    if (m_role == Role::Parent)
        return startWorkers();
    if (m_role == Role::Worker) {
        m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_stdin, &QSocketNotifier::activated, this, &BenchCoordinator::readStdin);
    }
    m_scenario.run();
}

void BenchCoordinator::arrive(const QString& phase, std::function<void()> go)
{
    if (m_role == Role::Single)
        return m_scenario.onBarrier(phase, std::move(go));
    m_waitingAt = phase;
    m_go = std::move(go);
    std::fputs(qPrintable(u"@barrier "_s + phase + u'\n'), stdout);
    std::fflush(stdout);
}

void BenchCoordinator::submit(const BenchReport& partial)
{
    if (m_role == Role::Single) {
        const QJsonObject result = m_scenario.result(partial);
        Q_EMIT finished(result, result.value(u"ok"_s).toBool());
        return;
    }
    const QByteArray json = QJsonDocument(partial.toPartial()).toJson(QJsonDocument::Compact);
    std::fputs("@result ", stdout);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fputs("\n", stdout);
    std::fflush(stdout);
    Q_EMIT finished(partial.toPartial(), partial.errors.isEmpty());
}

void BenchCoordinator::readStdin()
{
    char chunk[4096];
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n <= 0) {
        // The parent is gone: nobody will read what this worker measures.
        m_stdin->setEnabled(false);
        QCoreApplication::exit(3);
        return;
    }
    m_input.append(chunk, qsizetype(n));
    qsizetype newline;
    while ((newline = m_input.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_input.left(newline));
        m_input.remove(0, newline + 1);
        if (line == u"go "_s + m_waitingAt && m_go) {
            m_waitingAt.clear();
            std::exchange(m_go, nullptr)();
        }
    }
}

void BenchCoordinator::startWorkers()
{
    const QString runId = m_options.runId().isEmpty()
        ? QString::number(QRandomGenerator::global()->bounded(36 * 36 * 36 * 36), 36)
        : m_options.runId();
    m_workers.resize(size_t(m_options.processes()));
    for (int k = 0; k < int(m_workers.size()); ++k) {
        auto* process = new QProcess(this);
        m_workers[size_t(k)].process = process;
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        connect(
            process, &QProcess::readyReadStandardOutput, this, [this, k] { onWorkerOutput(k); });
        connect(process, &QProcess::finished, this,
            [this, k](int exitCode) { onWorkerFinished(k, exitCode); });
        connect(process, &QProcess::errorOccurred, this, [this, k](QProcess::ProcessError e) {
            if (e == QProcess::FailedToStart)
                onWorkerFinished(k, -1);
        });
        process->start(
            QCoreApplication::applicationFilePath(), m_options.workerArguments(k, runId));
    }
}

void BenchCoordinator::onWorkerOutput(int index)
{
    Worker& w = m_workers[size_t(index)];
    w.output.append(w.process->readAllStandardOutput());
    qsizetype newline;
    while ((newline = w.output.indexOf('\n')) >= 0) {
        const QByteArray line = w.output.left(newline);
        w.output.remove(0, newline + 1);
        if (line.startsWith("@barrier ")) {
            w.waitingAt = QString::fromUtf8(line.mid(9));
        } else if (line.startsWith("@result ") && !w.done) {
            w.done = true;
            m_merged.merge(BenchReport::fromPartial(QJsonDocument::fromJson(line.mid(8)).object()));
        }
    }
    maybeRelease();
    maybeFinish();
}

void BenchCoordinator::onWorkerFinished(int index, int exitCode)
{
    Worker& w = m_workers[size_t(index)];
    onWorkerOutput(index);
    w.exited = true;
    if (!w.done) {
        w.done = true;
        m_merged.errors.append(
            u"worker %1 exited (code %2) without a result"_s.arg(index).arg(exitCode));
    }
    maybeRelease();
    maybeFinish();
}

void BenchCoordinator::maybeRelease()
{
    // A worker that finished early (it failed) no longer holds the others back.
    QString phase;
    for (const Worker& w : m_workers) {
        if (w.done)
            continue;
        if (w.waitingAt.isEmpty() || (!phase.isEmpty() && w.waitingAt != phase))
            return;
        phase = w.waitingAt;
    }
    if (phase.isEmpty() || m_releasing)
        return;
    m_releasing = true;
    m_scenario.onBarrier(phase, [this, phase] {
        m_releasing = false;
        for (Worker& w : m_workers) {
            if (w.done || w.waitingAt != phase)
                continue;
            w.waitingAt.clear();
            w.process->write((u"go "_s + phase + u'\n').toUtf8());
        }
    });
}

void BenchCoordinator::maybeFinish()
{
    // Waits for the processes to exit too, so none outlives the parent.
    for (const Worker& w : m_workers) {
        if (!w.done || !w.exited)
            return;
    }
    if (m_finished)
        return;
    m_finished = true;
    const QJsonObject result = m_scenario.result(m_merged);
    Q_EMIT finished(result, result.value(u"ok"_s).toBool());
}
