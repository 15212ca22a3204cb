#pragma once
// storm: N clients connected and synced all drop at once (no close frame), each of their rooms
// gets --missed messages while they are away, then they all reconnect at the same moment with
// `resume` + `sync` (pipelined) from their cursors and page with `history after` while
// has_more. Measures the time until every client holds every missed event exactly once, and
// counts clients that were refused (failed to connect, resume or sync, or were closed).
//
// Rooms: --room-size users each plus a writer user per process, who creates the rooms and
// sends while the members are away. Each user is in one room; with --devices D a user has D
// clients (connections), all resuming the user's one token.
#include "benchaccounts.h"
#include "benchscenario.h"
#include "deliveryledger.h"

#include <QHash>
#include <vector>

class StormScenario : public BenchScenario
{
    Q_OBJECT
public:
    explicit StormScenario(const BenchOptions& options, QObject* parent = nullptr);
    QJsonObject params() const override;

protected:
    void start() override;
    bool addFigures(QJsonObject& json, const BenchReport& merged) override;

private:
    struct Client
    {
        BenchClient* connection = nullptr;
        int user = 0;
        qint64 cursor = 0; ///< highest seq held when it dropped
        qint64 got = 0; ///< missed events received since (first arrivals)
        bool settled = false; ///< caught up, or refused
    };
    void createRooms();
    void syncAll();
    void drop();
    void sendMissed();
    void sendNext();
    void reconnect();
    void openNext();
    void onCatchUpPage(int index, const QJsonObject& answer);
    void onRawCatchUpPage(int index, const QByteArray& answer);
    void onPageEvents(int index, const QList<qint64>& seqs, bool hasMore);
    void settle(int index, bool caughtUp);
    void setupClosed(int code);

    int m_clients;
    int m_devices;
    int m_roomSize;
    int m_missed;
    int m_parallel;
    int m_users = 0;
    BenchAccounts m_accounts;
    std::vector<Client> m_states;
    QStringList m_userIds;
    QStringList m_tokens;
    BenchClient* m_writer = nullptr;
    QStringList m_roomIds; ///< user u is in room u / room-size
    QHash<QString, qint64> m_lastSeq; ///< room -> highest acknowledged seq
    DeliveryLedger m_ledger;
    int m_synced = 0;
    int m_offline = 0;
    bool m_sending = false;
    qint64 m_queued = 0; ///< missed messages handed to the writer so far
    int m_nextToOpen = 0;
    int m_open = 0; ///< reconnecting clients not settled yet
    int m_settled = 0;
    qint64 m_reconnectNs = 0;
    bool m_dropped = false;
};
