#pragma once
// ingest: many senders, each in its own room (optionally with one listener), each keeping a
// fixed number of sends in flight. Measures durable acks per second and send→ack latency,
// and checks every event reached its listener exactly once.
#include "benchclient.h"
#include "latencystats.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QUrl>
#include <functional>
#include <memory>
#include <vector>

struct IngestParams
{
    QUrl url;
    int connections = 20;
    int inFlight = 16;
    int messagesPerConnection = 500;
    bool listeners = true;
    qint64 serverPid = 0;
};

class IngestScenario : public QObject
{
    Q_OBJECT
public:
    explicit IngestScenario(IngestParams params, QObject* parent = nullptr);
    void start();
    /// The result as one JSON object; valid once finished() was emitted.
    QJsonObject result() const { return m_result; }

Q_SIGNALS:
    void finished(bool ok);

private:
    struct Lane
    {
        BenchClient* sender = nullptr;
        BenchClient* listener = nullptr;
        QString room;
        int sent = 0;
        int acked = 0;
        QSet<qint64> delivered;
        int duplicates = 0;
    };
    void setUpLane(int index);
    void laneReady();
    void sendNext(Lane& lane);
    void maybeFinish();
    void fail(const QString& why);
    void finish();

    IngestParams m_params;
    QString m_runId;
    std::vector<std::unique_ptr<Lane>> m_lanes;
    int m_ready = 0;
    qint64 m_acked = 0;
    qint64 m_expectedDeliveries = 0;
    qint64 m_deliveries = 0;
    QElapsedTimer m_clock;
    qint64 m_startNs = 0;
    qint64 m_lastAckNs = 0;
    double m_cpuAtStart = 0;
    LatencyStats m_ackLatency;
    LatencyStats m_deliveryLatency;
    QHash<QString, qint64> m_sentAtNs; ///< client_mid -> send time, for delivery latency
    QJsonObject m_result;
    bool m_done = false;
};
