#include "client/models/roomlistmodel.h"

#include "client/models/attachmentvalues.h"
#include "client/sync/memberstore.h"
#include "client/sync/roomstore.h"

using namespace Qt::StringLiterals;

namespace palaver::client {

RoomListModel::RoomListModel(QObject* parent)
    : QAbstractListModel(parent)
{ }

void RoomListModel::setStores(RoomStore* rooms, MemberStore* members)
{
    // An account switch is the one wholesale change, so a reset is right here.
    beginResetModel();
    if (m_rooms)
        m_rooms->disconnect(this);
    if (m_members)
        m_members->disconnect(this);
    m_rooms = rooms;
    m_members = members;
    m_order.clear();
    if (m_rooms) {
        for (const RoomInfo& room : m_rooms->rooms())
            m_order.insert(sortedPosition(lastActivity(room.id), room.id, -1), room.id);
        connect(m_rooms, &RoomStore::roomAdded, this, &RoomListModel::onRoomAdded);
        connect(m_rooms, &RoomStore::roomChanged, this, &RoomListModel::onRoomChanged);
        connect(m_rooms, &RoomStore::roomRemoved, this, &RoomListModel::onRoomRemoved);
    }
    if (m_members) {
        connect(m_members, &MemberStore::presenceChanged, this, &RoomListModel::onPeerChanged);
        connect(m_members, &MemberStore::membersChanged, this, &RoomListModel::onRoomChanged);
    }
    endResetModel();
    Q_EMIT countChanged();
}

int RoomListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    return {{RoomIdRole, "roomId"}, {NameRole, "name"}, {KindRole, "kind"}, {TopicRole, "topic"},
        {UnreadRole, "unread"}, {MentionsRole, "mentions"}, {LastActivityRole, "lastActivity"},
        {PreviewRole, "preview"}, {PreviewSenderRole, "previewSender"},
        {PeerUserIdRole, "peerUserId"}, {PeerPresenceRole, "peerPresence"},
        {MemberCountRole, "memberCount"}, {RoleRole, "role"}};
}

QVariant RoomListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !m_rooms)
        return {};
    const RoomInfo room = m_rooms->room(m_order[index.row()]);
    const bool direct = room.kind == RoomKind::Direct;
    switch (role) {
    case RoomIdRole:
        return room.id;
    case NameRole:
        if (direct) {
            const QString peer = peerOf(room.id);
            return peer.isEmpty() || !m_members ? tr("Direct chat") : m_members->displayName(peer);
        }
        return room.name;
    case KindRole:
        return toString(room.kind);
    case TopicRole:
        return room.topic;
    case UnreadRole:
        return room.self ? room.self->unread : 0;
    case MentionsRole:
        return room.self ? room.self->mentions : 0;
    case LastActivityRole:
        return lastActivity(room.id);
    case PreviewRole:
        return preview(room.id);
    case PreviewSenderRole:
        return room.lastEvent && m_members ? m_members->displayName(room.lastEvent->sender)
                                           : QString();
    case PeerUserIdRole:
        return direct ? peerOf(room.id) : QString();
    case PeerPresenceRole:
        return direct && m_members && !peerOf(room.id).isEmpty()
            ? toString(m_members->presence(peerOf(room.id)))
            : QString();
    case MemberCountRole:
        return room.memberCount;
    case RoleRole:
        return room.self ? toString(room.self->role) : QString();
    default:
        return {};
    }
}

int RoomListModel::rowOf(const QString& roomId) const
{
    return int(m_order.indexOf(roomId));
}

qint64 RoomListModel::lastActivity(const QString& roomId) const
{
    const RoomInfo room = m_rooms->room(roomId);
    return room.lastEvent ? room.lastEvent->ts : room.createdTs;
}

int RoomListModel::sortedPosition(qint64 activity, const QString& roomId, int skip) const
{
    // Newest first; ties by id so the order is stable between runs.
    for (int row = 0; row < m_order.size(); ++row) {
        if (row == skip)
            continue;
        const qint64 other = lastActivity(m_order[row]);
        if (activity > other || (activity == other && roomId < m_order[row]))
            return row;
    }
    return int(m_order.size());
}

void RoomListModel::onRoomAdded(const QString& roomId)
{
    if (m_order.contains(roomId))
        return;
    const int row = sortedPosition(lastActivity(roomId), roomId, -1);
    beginInsertRows({}, row, row);
    m_order.insert(row, roomId);
    endInsertRows();
    Q_EMIT countChanged();
}

void RoomListModel::onRoomChanged(const QString& roomId)
{
    const int row = rowOf(roomId);
    if (row < 0)
        return;
    // `before` counts in the list as it is (this row included), as beginMoveRows wants it.
    const int before = sortedPosition(lastActivity(roomId), roomId, row);
    int target = row;
    if (before != row && before != row + 1 && beginMoveRows({}, row, row, {}, before)) {
        target = before > row ? before - 1 : before;
        m_order.move(row, target);
        endMoveRows();
    }
    Q_EMIT dataChanged(index(target), index(target));
}

void RoomListModel::onRoomRemoved(const QString& roomId)
{
    const int row = rowOf(roomId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_order.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged();
}

void RoomListModel::onPeerChanged(const QString& userId)
{
    for (int row = 0; row < m_order.size(); ++row) {
        if (peerOf(m_order[row]) == userId)
            Q_EMIT dataChanged(index(row), index(row), {PeerPresenceRole, NameRole});
    }
}

QString RoomListModel::peerOf(const QString& roomId) const
{
    if (!m_members || !m_rooms || m_rooms->room(roomId).kind != RoomKind::Direct)
        return {};
    for (const MemberInfo& member : m_members->members(roomId)) {
        if (member.user != m_rooms->ownUserId())
            return member.user;
    }
    return {};
}

QString RoomListModel::preview(const QString& roomId) const
{
    const RoomInfo room = m_rooms->room(roomId);
    if (!room.lastEvent)
        return {};
    const Event& event = *room.lastEvent;
    const QString who = m_members ? m_members->displayName(event.user) : event.user;
    switch (event.kind) {
    case EventKind::Message:
        return event.deleted ? tr("Message deleted")
                             : AttachmentValues::summary(event.text, event.attachments).left(200);
    case EventKind::Edit:
        return event.text.left(200);
    case EventKind::Delete:
        return tr("Message deleted");
    case EventKind::Reaction:
        return event.on ? tr("Reacted %1").arg(event.emoji) : QString();
    case EventKind::MemberJoin:
        return tr("%1 joined").arg(who);
    case EventKind::MemberLeave:
        return tr("%1 left").arg(who);
    case EventKind::RoomUpdate:
        return tr("Room renamed to %1").arg(event.name);
    }
    return {};
}

} // namespace palaver::client
