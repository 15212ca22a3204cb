#pragma once
// idle: many authenticated, synced connections that then say nothing. Measures the server's
// memory per connection ((VmRSS after connecting − VmRSS before) / connections) and its CPU
// over a quiet window.
//
// Users are registered first, each in --rooms-per-user rooms of --room-size, and their setup
// connections closed; then the measured connections open with `resume`, --devices per user
// on the user's one token (a `login` per device would cost the server an Argon2 hash each),
// and each sends `sync` as a client does after connecting.
#include "benchaccounts.h"
#include "benchscenario.h"

#include <vector>

class IdleScenario : public BenchScenario
{
    Q_OBJECT
public:
    explicit IdleScenario(const BenchOptions& options, QObject* parent = nullptr);
    QJsonObject params() const override;
    void onBarrier(const QString& phase, std::function<void()> release) override;

protected:
    void start() override;
    bool addFigures(QJsonObject& json, const BenchReport& merged) override;

private:
    void createRooms();
    void connectAll();
    void onSynced();

    int m_connections;
    int m_devices;
    int m_roomsPerUser;
    int m_roomSize;
    int m_quietS;
    int m_users = 0;
    BenchAccounts m_accounts;
    std::vector<BenchClient*> m_setup; ///< registration connections, closed before measuring
    QStringList m_userIds;
    QStringList m_tokens;
    std::vector<BenchClient*> m_clients;
    int m_syncing = 0; ///< connections whose sync is not answered yet
    bool m_resumed = false;
    bool m_connected = false;
    int m_connectFailed = 0;
    int m_closed = 0;
    // coordinator side
    qint64 m_rssBeforeKb = -1;
    qint64 m_rssAfterKb = -1;
    qint64 m_quietStartNs = 0;
    qint64 m_quietEndNs = 0;
};
