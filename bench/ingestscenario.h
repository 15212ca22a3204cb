#pragma once
// ingest: many senders, each in its own room (optionally with one listener), each keeping a
// fixed number of sends in flight. Measures durable acks per second and send→ack latency,
// and checks every event reached its listener exactly once.
#include "benchaccounts.h"
#include "benchscenario.h"
#include "deliveryledger.h"

#include <QHash>
#include <vector>

class IngestScenario : public BenchScenario
{
    Q_OBJECT
public:
    explicit IngestScenario(const BenchOptions& options, QObject* parent = nullptr);
    QJsonObject params() const override;

protected:
    void start() override;

private:
    struct Lane
    {
        BenchClient* sender = nullptr;
        BenchClient* listener = nullptr;
        QString listenerId;
        QString room;
        int sent = 0;
    };
    void createRooms();
    void sendNext(int lane);
    void onListenerPush(int lane, const QJsonObject& push);
    void maybeFinish();

    int m_connections;
    int m_inFlight;
    int m_messages;
    bool m_listeners;
    BenchAccounts m_accounts;
    std::vector<Lane> m_lanes;
    DeliveryLedger m_ledger;
    QHash<QString, qint64> m_sentAtNs; ///< client_mid -> send time, for delivery latency
    bool m_ending = false;
};
