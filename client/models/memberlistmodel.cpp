#include "client/models/memberlistmodel.h"

#include "client/sync/memberstore.h"

namespace palaver::client {

MemberListModel::MemberListModel(const QString& roomId, MemberStore& members, QObject* parent)
    : QAbstractListModel(parent)
    , m_roomId(roomId)
    , m_store(members)
    , m_members(members.members(roomId))
{
    connect(&m_store, &MemberStore::membersChanged, this, &MemberListModel::onMembersChanged);
    connect(&m_store, &MemberStore::presenceChanged, this, &MemberListModel::onPresenceChanged);
}

int MemberListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_members.size());
}

QHash<int, QByteArray> MemberListModel::roleNames() const
{
    return {{UserIdRole, "userId"}, {UsernameRole, "username"}, {DisplayNameRole, "displayName"},
        {RoleRole, "role"}, {PresenceRole, "presence"}, {LastSeenRole, "lastSeen"}};
}

QVariant MemberListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MemberInfo& member = m_members[index.row()];
    switch (role) {
    case UserIdRole:
        return member.user;
    case UsernameRole:
        return member.username;
    case DisplayNameRole:
        return member.displayName;
    case RoleRole:
        return toString(member.role);
    case PresenceRole:
        return toString(member.presence);
    case LastSeenRole:
        return member.lastSeen.value_or(0);
    default:
        return {};
    }
}

void MemberListModel::onMembersChanged(const QString& roomId)
{
    if (roomId != m_roomId)
        return;
    const QList<MemberInfo> fresh = m_store.members(roomId);
    bool sameUsers = fresh.size() == m_members.size();
    for (int i = 0; sameUsers && i < fresh.size(); ++i)
        sameUsers = fresh[i].user == m_members[i].user;
    if (sameUsers) {
        m_members = fresh;
        if (!m_members.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_members.size()) - 1));
        return;
    }
    // Joins and leaves are rare and reorder the list (role, then name): one reset is simpler
    // and no less smooth than a burst of moves.
    beginResetModel();
    m_members = fresh;
    endResetModel();
    Q_EMIT countChanged();
}

void MemberListModel::onPresenceChanged(const QString& userId)
{
    for (int row = 0; row < m_members.size(); ++row) {
        if (m_members[row].user != userId)
            continue;
        m_members[row].presence = m_store.presence(userId);
        m_members[row].lastSeen = m_store.lastSeen(userId);
        Q_EMIT dataChanged(index(row), index(row), {PresenceRole, LastSeenRole});
    }
}

} // namespace palaver::client
