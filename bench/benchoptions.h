#pragma once
// Every palaver-bench option in one table, so the help lists them all and each scenario reads
// its own with its own default.
#include <QCommandLineParser>
#include <QStringList>
#include <QUrl>

class BenchOptions
{
public:
    BenchOptions();
    /// Parses argv; on a usage error prints help to stderr and returns false.
    bool parse(const QStringList& arguments);

    QString scenario() const { return m_scenario; }
    /// The files after `summary`.
    QStringList files() const { return m_files; }
    QUrl url() const;
    /// --url may list several nodes, comma-separated: connections go to each in turn.
    QList<QUrl> urls() const;
    qint64 serverPid() const { return integer(u"server-pid", 0); }
    int processes() const { return int(integer(u"processes", 1)); }
    /// This process's worker index, or -1 when it is not a worker.
    int worker() const { return int(integer(u"worker", -1)); }
    QString runId() const { return m_parser.value(QStringLiteral("run-id")); }
    int sourceAddresses() const { return int(integer(u"source-addresses", 0)); }
    /// An integer option, or `fallback` when it was not given.
    qint64 integer(QStringView name, qint64 fallback) const;
    bool flag(QStringView name) const { return m_parser.isSet(name.toString()); }
    /// The arguments to hand to a worker process: everything given, minus the positional ones.
    QStringList workerArguments(int worker, const QString& runId) const;

private:
    QCommandLineParser m_parser;
    QString m_scenario;
    QStringList m_files;
};
