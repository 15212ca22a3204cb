#pragma once
// Keeps the local copy in step with the server: a `sync` after every (re)authentication,
// every push applied, and gaps filled with `history after` until each room is caught up.
#include "shared/framecodec.h"

#include <QObject>
#include <QSet>

namespace palaver::client {

class Connection;
class HistoryFetcher;
class MemberStore;
class RoomStore;

/// Applies `synced` answers and pushes to the stores.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    SyncEngine(Connection& connection, RoomStore& rooms, MemberStore& members,
        HistoryFetcher& history, QObject* parent = nullptr);

    /// True from the `sync` request until its answer was applied.
    bool isSyncing() const { return m_syncing; }
    /// True when every room's cursor has reached its last seq and no fetch is running.
    bool isCaughtUp() const;
    /// Sends `sync` with the cursors held; called after every authentication.
    void startSync();
    /// Applies one push; unknown push types are ignored.
    void applyPush(const ServerMessage& push);
    /// Applies a room the server answered with (create_room, join, open_direct).
    void applyRoom(const RoomInfo& room);
    /// Applies a `synced` answer to a sync that sent cursors for `requestedRooms`.
    void applySynced(const SyncedAnswer& answer, const QSet<QString>& requestedRooms);

Q_SIGNALS:
    /// The `synced` answer is applied: rooms are current, gap fills may still run.
    void synced();
    /// Every room's events are held up to its last seq.
    void caughtUp();
    void typingReceived(const palaver::TypingPush& push);
    void syncFailed(const QString& message);

private:
    void ensureCaughtUp(const QString& roomId);
    void startCursorIfMissing(const QString& roomId);

    Connection& m_connection;
    RoomStore& m_rooms;
    MemberStore& m_members;
    HistoryFetcher& m_history;
    bool m_syncing = false;
    QSet<QString> m_fetching; ///< rooms with a gap-filling history request in flight
};

} // namespace palaver::client
