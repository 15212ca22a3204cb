#include "resultsummary.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTextStream>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {
// What a reader of RESULTS.md wants first, in this order; a figure a scenario lacks is skipped.
const QStringList kHeadline {u"throughput_per_s"_s, u"deliveries_per_s"_s, u"latency_ms.p50"_s,
    u"latency_ms.p90"_s, u"latency_ms.p99"_s, u"latency_ms.max"_s, u"ack_latency_ms.p50"_s,
    u"ack_latency_ms.p99"_s, u"pacing_lag_ms.p99"_s, u"send_to_last_event_ms.p50"_s,
    u"send_to_last_event_ms.p90"_s, u"send_to_last_event_ms.max"_s, u"catch_up_ms.p50"_s,
    u"catch_up_ms.p90"_s, u"catch_up_ms.p99"_s, u"catch_up_ms.max"_s, u"sync_answer_ms.p50"_s,
    u"pages_per_catch_up"_s, u"catch_up_s"_s, u"client_catch_up_ms.p50"_s,
    u"client_catch_up_ms.p99"_s, u"rss_per_connection_kb"_s, u"idle_cpu_pct"_s, u"connect_s"_s,
    u"connections"_s, u"refused"_s, u"missing"_s, u"duplicates"_s, u"server.cpu_s"_s,
    u"server.peak_rss_kb"_s, u"cpu_us_per_msg"_s, u"generator.cpu_s"_s};

QJsonValue lookup(const QJsonObject& json, const QString& path)
{
    const QStringList parts = path.split(u'.');
    QJsonValue v = json.value(parts.first());
    for (qsizetype i = 1; i < parts.size(); ++i)
        v = v.toObject().value(parts.at(i));
    return v;
}

QString format(double v)
{
    const double a = std::fabs(v);
    return QString::number(v, 'f', a >= 100 || a == std::floor(a) ? 0 : a >= 10 ? 1 : 3);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}
} // namespace

int ResultSummary::print(const QStringList& files)
{
    QTextStream out(stdout);
    int status = 0;
    QMap<QString, QList<QJsonObject>> groups; // "scenario {params}" -> runs, in file order
    for (const QString& path : files) {
        QFile file(path);
        const QJsonObject run = file.open(QIODevice::ReadOnly)
            ? QJsonDocument::fromJson(file.readAll()).object()
            : QJsonObject();
        if (run.isEmpty()) {
            out << "unreadable: " << path << '\n';
            status = 1;
            continue;
        }
        if (!run.value(u"ok"_s).toBool()) {
            out << "NOT OK: " << path << '\n';
            status = 1;
        }
        const QString key = run.value(u"scenario"_s).toString() + u' ' +
            QString::fromUtf8(
                QJsonDocument(run.value(u"params"_s).toObject()).toJson(QJsonDocument::Compact));
        groups[key].append(run);
    }
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        out << "\n" << it.key() << "  (" << it.value().size() << " runs)\n";
        for (const QString& figure : kHeadline) {
            std::vector<double> values;
            for (const QJsonObject& run : it.value()) {
                const QJsonValue v = lookup(run, figure);
                if (v.isDouble())
                    values.push_back(v.toDouble());
            }
            if (values.empty())
                continue;
            QStringList runs;
            for (double v : values)
                runs.append(format(v));
            out << "  " << figure.leftJustified(28) << " median "
                << format(median(values)).rightJustified(10) << "   runs " << runs.join(u" · "_s)
                << '\n';
        }
    }
    return status;
}
