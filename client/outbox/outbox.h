#pragma once
// Messages leave through here: stored first (shown as pending at once), then sent one at a
// time in order whenever the connection is ready, and resent with the same client_mid after
// a reconnect or restart, so each is delivered exactly once.
#include "client/outbox/outboxentry.h"
#include "client/sync/roomstore.h"
#include "shared/framecodec.h"

#include <QObject>
#include <QTimer>

namespace palaver::client {

class Connection;
class OutboxStore;

/// The account's queue of unacknowledged messages.
class Outbox : public QObject
{
    Q_OBJECT
public:
    Outbox(Connection& connection, OutboxStore& store, RoomStore& rooms, QObject* parent = nullptr);

    /// Loads the entries a previous run left behind.
    void load();
    /// Stores a new message and sends it when possible; returns the stored entry.
    OutboxEntry enqueue(const QString& roomId, const QString& text, qint64 replyTo,
        const QStringList& mentions, const QList<FileInfo>& attachments = {});
    /// Puts a failed entry back in line.
    void retry(const QString& clientMid);
    /// Drops an entry that was not delivered.
    void discard(const QString& clientMid);

    /// Whether sending may start: online and the catch-up after (re)connecting is applied.
    void setReady(bool ready);
    /// Every entry of a room (all rooms when roomId is empty), in send order.
    QList<OutboxEntry> entries(const QString& roomId = {}) const;

Q_SIGNALS:
    void entryAdded(const palaver::client::OutboxEntry& entry);
    /// Failed, or back in line after retry().
    void entryChanged(const palaver::client::OutboxEntry& entry);
    /// Discarded by the user.
    void entryRemoved(const QString& roomId, const QString& clientMid);
    /// Stored by the server: the entry is gone and `event` (same room and client_mid) is
    /// its place in the room.
    void entryDelivered(const palaver::Event& event);
    /// The server refused an entry for good (too large, forbidden, …).
    void sendFailed(const palaver::client::OutboxEntry& entry);

private:
    void pump();
    void onAnswer(const QString& clientMid, const ServerMessage& answer);
    void onEventsAdded(const QString& roomId, const QList<Event>& events);
    void markFailed(const QString& clientMid, const QString& error);
    void removeEntry(const QString& clientMid, const std::optional<Event>& delivered = {});
    int indexOf(const QString& clientMid) const;

    Connection& m_connection;
    OutboxStore& m_store;
    RoomStore& m_rooms;
    QList<OutboxEntry> m_entries;
    QString m_inFlight; ///< client_mid of the send awaiting its answer
    bool m_ready = false;
    QTimer m_retryTimer; ///< waits out rate_limited and internal answers
};

} // namespace palaver::client
