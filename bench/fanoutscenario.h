#pragma once
// fanout: one room of N members, each its own connection, one sender with K sends in flight.
// Measures deliveries per second, send→delivery latency, and per message the time from send
// to the LAST member's event and to the LAST member's badge; checks exactly-once delivery.
#include "benchaccounts.h"
#include "benchscenario.h"
#include "deliveryledger.h"

#include <vector>

class FanoutScenario : public BenchScenario
{
    Q_OBJECT
public:
    explicit FanoutScenario(const BenchOptions& options, QObject* parent = nullptr);
    QJsonObject params() const override;
    bool splits() const override { return false; } // one room is the point

protected:
    void start() override;
    bool addFigures(QJsonObject& json, const BenchReport& merged) override;

private:
    struct Message
    {
        qint64 sentNs = 0;
        qint64 lastEventNs = 0;
        qint64 lastBadgeNs = 0;
        int events = 0;
        int badges = 0;
    };
    void createRoom();
    void sendNext();
    void onMemberPush(int member, const QJsonObject& push);
    bool onMemberRawPush(int member, const QByteArray& push);
    void onBadge(int member, qint64 unread, qint64 now);
    void onMessage(int member, int index, qint64 seq, qint64 now);
    void maybeFinish();

    int m_members;
    int m_messages;
    int m_inFlight;
    BenchAccounts m_accounts;
    BenchClient* m_sender = nullptr;
    QStringList m_memberIds;
    QString m_room;
    int m_joined = 0;
    qint64 m_badges = 0; ///< (member, message) pairs covered by a badge
    qint64 m_badgeFrames = 0; ///< badge frames received (the server coalesces per commit)
    std::vector<qint64> m_badgeUnread; ///< by member: the highest unread it was told
    DeliveryLedger m_ledger;
    std::vector<Message> m_sends; ///< by message index (0-based = unread - 1)
    bool m_ending = false;
};
