#pragma once
// catch-up: one client misses E events in a room (it drops without a close frame, a writer
// sends E messages), then reconnects: `resume`, then `sync` with its cursor, then `history
// after` pages while has_more, as docs/PROTOCOL.md §6 describes. Measures the time from sending
// `sync` to holding all E events, over --repeats rounds, and checks each arrived exactly once.
#include "benchaccounts.h"
#include "benchscenario.h"
#include "deliveryledger.h"

class CatchUpScenario : public BenchScenario
{
    Q_OBJECT
public:
    explicit CatchUpScenario(const BenchOptions& options, QObject* parent = nullptr);
    QJsonObject params() const override;
    bool splits() const override { return false; } // one client is the point

protected:
    void start() override;
    bool addFigures(QJsonObject& json, const BenchReport& merged) override;

private:
    void nextRound();
    void sendNext();
    void reconnect();
    void onPage(const QJsonObject& answer);
    void roundDone(bool complete);

    int m_events;
    int m_repeats;
    int m_inFlight;
    BenchAccounts m_accounts;
    BenchClient* m_reader = nullptr;
    BenchClient* m_writer = nullptr;
    QString m_readerId;
    QString m_token;
    QString m_room;
    DeliveryLedger m_ledger;
    int m_round = 0;
    int m_queued = 0; ///< messages of this round handed to the writer
    int m_roundAcked = 0;
    qint64 m_cursor = 0; ///< highest seq the reader holds
    qint64 m_lastSeq = 0; ///< highest seq the writer got acknowledged
    qint64 m_roundGot = 0;
    qint64 m_roundHighest = 0;
    int m_pages = 0;
    qint64 m_syncSentNs = 0;
};
