#pragma once
// Everything that belongs to one signed-in account and its cache folder, wired together.
// The Account facade keeps one of these per account; switching accounts replaces it whole.
#include "client/cache/localcache.h"
#include "client/cache/outboxstore.h"
#include "client/outbox/outbox.h"
#include "client/rules/notificationpolicy.h"
#include "client/rules/readmarkerpolicy.h"
#include "client/sync/historyfetcher.h"
#include "client/sync/memberstore.h"
#include "client/sync/roomstore.h"
#include "client/sync/syncengine.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace palaver::client {

class Connection;
class MemberListModel;
class TimelineModel;
class TypingModel;
class TypingNotifier;

/// The stores, sync, outbox, rules and per-room models of one account.
class AccountSession : public QObject
{
    Q_OBJECT
public:
    /// Opens the cache in `folder` and loads it (rooms, outbox) before any network.
    AccountSession(const QString& folder, Connection& connection, QObject* parent = nullptr);
    ~AccountSession() override;

    bool isOpen() const { return m_cache.isOpen(); }
    LocalCache& cache() { return m_cache; }
    RoomStore& rooms() { return m_rooms; }
    MemberStore& members() { return m_members; }
    Outbox& outbox() { return m_outbox; }
    SyncEngine& sync() { return m_sync; }
    ReadMarkerPolicy& readMarkers() { return m_readMarkers; }
    NotificationPolicy& notifications() { return m_notifications; }

    /// The room's timeline, created on first use.
    TimelineModel* timeline(const QString& roomId);
    /// The room's member list, created on first use (and fetched from the server).
    MemberListModel* memberList(const QString& roomId);
    TypingModel* typing(const QString& roomId);
    TypingNotifier* typingNotifier(const QString& roomId);
    /// Asks the server for the room's member list.
    void refreshMembers(const QString& roomId);

Q_SIGNALS:
    void notification(
        const QString& roomId, const QString& title, const QString& body, bool isMention);
    void errorOccurred(const QString& message);

private:
    void onAuthenticated(const WelcomeAnswer& welcome);
    void onSynced();
    void onEventsAdded(const QString& roomId, const QList<Event>& events, EventOrigin origin);
    void notify(const Event& event);

    Connection& m_connection;
    LocalCache m_cache;
    OutboxStore m_outboxStore;
    RoomStore m_rooms;
    MemberStore m_members;
    HistoryFetcher m_history;
    SyncEngine m_sync;
    Outbox m_outbox;
    ReadMarkerPolicy m_readMarkers;
    NotificationPolicy m_notifications;
    QHash<QString, QPointer<TimelineModel>> m_timelines;
    QHash<QString, QPointer<MemberListModel>> m_memberLists;
    QHash<QString, QPointer<TypingModel>> m_typing;
    QHash<QString, QPointer<TypingNotifier>> m_typingNotifiers;
};

} // namespace palaver::client
