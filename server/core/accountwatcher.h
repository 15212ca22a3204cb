#pragma once
// Acts on what the admin commands (another process on the same database) changed: a disabled
// account or a reset password closes that user's live sessions, a deleted room leaves its
// members' devices. The commands write `account_changes` rows in the transaction of the change;
// this polls for new rows on a read connection.
#include "server/storage/records.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace palaver::server {
class Database;
class Fanout;
class RoomRoster;
class SessionRegistry;

class AccountWatcher final : public QObject
{
    Q_OBJECT
public:
    AccountWatcher(Database& db, const SessionRegistry& sessions, RoomRoster& roster,
        const Fanout& fanout, QObject* parent = nullptr);

    /// Polls every `intervalMs` for changes with an id above `lastSeenId`: what was changed
    /// before the server started needs nothing (the tokens are already gone).
    void start(qint64 lastSeenId, int intervalMs = 500);
    void stop() { m_timer.stop(); }

private:
    void poll();
    void apply(const AccountChange& change);

    Database& m_db;
    const SessionRegistry& m_sessions;
    RoomRoster& m_roster;
    const Fanout& m_fanout;
    QTimer m_timer;
    /// Every change up to here is applied. On PostgreSQL ids are taken at insert but become
    /// visible at commit, so two admin commands can commit out of order: changes above the
    /// floor are remembered one by one until the ids below them have shown up (or, for ids a
    /// rolled-back insert took, for kGapGiveUpMs).
    qint64 m_floor = 0;
    QSet<qint64> m_appliedAboveFloor;
    QElapsedTimer m_gapSince;
    void advanceFloor();
    bool m_polling = false; ///< one read at a time, so changes apply once and in order
};

} // namespace palaver::server
