#pragma once
// latency: R rooms of M members, each member its own user and connection. Sends go out at a
// fixed total rate (timer-paced, open loop: a slow answer does not slow the next send),
// round-robin over rooms and, within a room, over its members. Measures send → delivery at
// every other member of the room (generator clock) and checks exactly-once delivery.
#include "benchaccounts.h"
#include "benchscenario.h"
#include "deliveryledger.h"

#include <QTimer>
#include <vector>

class LatencyScenario : public BenchScenario
{
    Q_OBJECT
public:
    explicit LatencyScenario(const BenchOptions& options, QObject* parent = nullptr);
    QJsonObject params() const override;

protected:
    void start() override;
    bool addFigures(QJsonObject& json, const BenchReport& merged) override;

private:
    void createRooms();
    void maybeStart();
    void pace();
    void sendOne();
    void onPush(int member, const QJsonObject& push);
    bool onRawPush(int member, const QByteArray& push);
    void onDelivery(int member, qint64 k, qint64 seq);
    void maybeFinish();

    int m_rooms;
    int m_roomSize;
    double m_rate; ///< this process's share of sends per second
    double m_durationS;
    qint64 m_total = 0; ///< sends this process makes
    BenchAccounts m_accounts;
    std::vector<BenchClient*> m_members; ///< index = room * roomSize + slot
    QStringList m_memberIds;
    QStringList m_roomIds;
    bool m_roomsCreated = false;
    int m_roomAdded = 0;
    std::vector<qint64> m_sentNs; ///< by message number (the client_mid)
    DeliveryLedger m_ledger;
    QTimer m_pacer;
    qint64 m_startNs = 0;
    bool m_ending = false;
};
