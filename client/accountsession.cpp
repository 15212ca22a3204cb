#include "client/accountsession.h"

#include "client/models/attachmentvalues.h"
#include "client/models/memberlistmodel.h"
#include "client/models/timelinemodel.h"
#include "client/models/typingmodel.h"
#include "client/net/connection.h"
#include "client/rules/typingnotifier.h"

namespace palaver::client {

AccountSession::AccountSession(const QString& folder, Connection& connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_cache(folder)
    , m_outboxStore(m_cache.database())
    , m_rooms(m_cache)
    , m_members(m_cache)
    , m_history(connection, m_rooms)
    , m_sync(connection, m_rooms, m_members, m_history)
    , m_outbox(connection, m_outboxStore, m_rooms)
{
    connect(&m_connection, &Connection::authenticated, this, &AccountSession::onAuthenticated);
    connect(&m_connection, &Connection::pushReceived, &m_sync, &SyncEngine::applyPush);
    connect(&m_connection, &Connection::stateChanged, this, [this](Connection::State state) {
        if (state == Connection::State::Online)
            return;
        // The pushes that would end these typing states are lost with the link.
        for (const auto& model : std::as_const(m_typing)) {
            if (model)
                model->clear();
        }
    });
    connect(&m_sync, &SyncEngine::synced, this, &AccountSession::onSynced);
    connect(&m_sync, &SyncEngine::syncFailed, this, [this](const QString& message) {
        // Without a catch-up the outbox still has to go out: its resends are idempotent.
        m_outbox.setReady(true);
        Q_EMIT errorOccurred(message);
    });
    connect(&m_sync, &SyncEngine::typingReceived, this, [this](const TypingPush& push) {
        if (push.user != m_rooms.ownUserId())
            typing(push.room)->setTyping(push.user, push.active);
    });
    connect(&m_rooms, &RoomStore::eventsAdded, this, &AccountSession::onEventsAdded);
    connect(&m_rooms, &RoomStore::roomAdded, this, [this](const QString& roomId) {
        // A direct room is named after the peer, who is known only from the member list.
        if (m_rooms.room(roomId).kind == RoomKind::Direct && !m_members.hasMembers(roomId))
            refreshMembers(roomId);
    });
    connect(&m_rooms, &RoomStore::roomChanged, this, [this](const QString& roomId) {
        const RoomInfo room = m_rooms.room(roomId);
        if (room.self)
            m_readMarkers.setServerMarker(roomId, room.self->lastReadSeq);
    });
    connect(&m_readMarkers, &ReadMarkerPolicy::sendRead, this,
        [this](const QString& roomId, qint64 seq) {
            m_connection.request(ReadRequest {roomId, seq});
        });
    connect(&m_outbox, &Outbox::sendFailed, this,
        [this](const OutboxEntry& entry) { Q_EMIT errorOccurred(entry.error); });

    // Cached state first: the UI shows rooms, names and pending messages before the network.
    m_rooms.setOwnUserId(m_cache.meta(QStringLiteral("user_id")));
    m_notifications.setOwnUserId(m_rooms.ownUserId());
    m_rooms.load();
    for (const RoomInfo& room : m_rooms.rooms()) {
        m_members.members(room.id); // fills the name book for previews
        if (room.self)
            m_readMarkers.setServerMarker(room.id, room.self->lastReadSeq);
    }
    m_outbox.load();
}

AccountSession::~AccountSession()
{
    // Models first, before the stores they reference (children would only go after every
    // member). They have this as parent so QML never takes ownership of them.
    qDeleteAll(m_timelines);
    qDeleteAll(m_memberLists);
    qDeleteAll(m_typing);
    qDeleteAll(m_typingNotifiers);
}

void AccountSession::onAuthenticated(const WelcomeAnswer& welcome)
{
    m_rooms.setOwnUserId(welcome.user.id);
    m_notifications.setOwnUserId(welcome.user.id);
    m_members.rememberName(welcome.user.id, welcome.user.displayName);
    m_sync.startSync();
}

void AccountSession::onSynced()
{
    m_outbox.setReady(true);
    m_readMarkers.flush(); // reads kept while offline
    // Direct rooms are named after the peer, and open member lists show presence: both need
    // a fresh member list after a gap.
    for (const RoomInfo& room : m_rooms.rooms()) {
        if (room.kind == RoomKind::Direct || m_memberLists.value(room.id) ||
            m_timelines.value(room.id))
            refreshMembers(room.id);
    }
}

void AccountSession::refreshMembers(const QString& roomId)
{
    m_connection.request(
        MembersRequest {roomId}, this, [this, roomId](const ServerMessage& answer) {
            if (const auto* members = std::get_if<MembersAnswer>(&answer))
                m_members.setMembers(roomId, members->members);
        });
}

void AccountSession::onEventsAdded(
    const QString& roomId, const QList<Event>& events, EventOrigin origin)
{
    bool membershipChanged = false;
    for (const Event& event : events) {
        membershipChanged = membershipChanged || event.kind == EventKind::MemberJoin ||
            event.kind == EventKind::MemberLeave;
        if (origin == EventOrigin::Live && m_notifications.shouldNotify(event))
            notify(event);
    }
    if (membershipChanged && origin != EventOrigin::History && m_members.hasMembers(roomId))
        refreshMembers(roomId);
}

void AccountSession::notify(const Event& event)
{
    const RoomInfo room = m_rooms.room(event.room);
    const QString sender = m_members.displayName(event.sender);
    const QString title = room.kind == RoomKind::Direct || room.name.isEmpty()
        ? sender
        : room.name + QStringLiteral(" — ") + sender;
    Q_EMIT notification(event.room, title, AttachmentValues::summary(event.text, event.attachments),
        m_notifications.mentionsMe(event));
}

TimelineModel* AccountSession::timeline(const QString& roomId)
{
    QPointer<TimelineModel>& model = m_timelines[roomId];
    if (!model) {
        model =
            new TimelineModel(roomId, m_rooms, m_members, m_outbox, m_history, m_readMarkers, this);
        if (!m_members.hasMembers(roomId))
            refreshMembers(roomId);
    }
    return model;
}

MemberListModel* AccountSession::memberList(const QString& roomId)
{
    QPointer<MemberListModel>& model = m_memberLists[roomId];
    if (!model) {
        model = new MemberListModel(roomId, m_members, this);
        refreshMembers(roomId);
    }
    return model;
}

TypingModel* AccountSession::typing(const QString& roomId)
{
    QPointer<TypingModel>& model = m_typing[roomId];
    if (!model) {
        model = new TypingModel(
            roomId, [this](const QString& userId) { return m_members.displayName(userId); }, this);
    }
    return model;
}

TypingNotifier* AccountSession::typingNotifier(const QString& roomId)
{
    QPointer<TypingNotifier>& notifier = m_typingNotifiers[roomId];
    if (!notifier) {
        notifier = new TypingNotifier(this);
        connect(notifier, &TypingNotifier::sendTyping, this, [this, roomId](bool active) {
            m_connection.request(TypingRequest {roomId, active});
        });
    }
    return notifier;
}

} // namespace palaver::client
