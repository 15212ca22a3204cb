#pragma once
// fanout: one room of N members, each its own connection, one sender with K sends in flight.
// Measures deliveries per second, send→delivery latency, and per message the time from send
// to the LAST member's event and to the LAST member's badge; checks exactly-once delivery.
#include "benchclient.h"
#include "latencystats.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QUrl>
#include <vector>

struct FanoutParams
{
    QUrl url;
    int members = 1000;
    int messages = 50;
    int inFlight = 1;
    qint64 serverPid = 0;
};

class FanoutScenario : public QObject
{
    Q_OBJECT
public:
    explicit FanoutScenario(FanoutParams params, QObject* parent = nullptr);
    void start();
    QJsonObject result() const { return m_result; }

Q_SIGNALS:
    void finished(bool ok);

private:
    struct Message
    {
        qint64 sentNs = 0;
        qint64 lastEventNs = 0;
        qint64 lastBadgeNs = 0;
        int events = 0;
        int badges = 0;
    };
    void memberReady();
    void sendNext();
    void onMemberPush(int member, const QJsonObject& push);
    void maybeFinish();
    void fail(const QString& why);
    void finish();

    FanoutParams m_params;
    QString m_runId;
    BenchClient* m_sender = nullptr;
    std::vector<BenchClient*> m_members;
    QStringList m_memberIds;
    QString m_room;
    int m_registered = 0;
    int m_joined = 0;
    int m_sent = 0;
    int m_acked = 0;
    qint64 m_deliveries = 0;
    qint64 m_duplicates = 0;
    std::vector<QHash<qint64, bool>> m_seen; ///< per member: seqs received
    std::vector<Message> m_sends; ///< by message index (0-based = unread - 1)
    QHash<qint64, int> m_indexBySeq;
    QElapsedTimer m_clock;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    double m_cpuAtStart = 0;
    LatencyStats m_deliveryLatency;
    QJsonObject m_result;
    bool m_done = false;
};
