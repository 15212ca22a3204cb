#pragma once
// The members of one room with their roles and presence.
#include "shared/objects/memberinfo.h"

#include <QAbstractListModel>

namespace palaver::client {

class MemberStore;

/// CLIENT-API.md's MemberListModel.
class MemberListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString roomId READ roomId CONSTANT)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        UsernameRole,
        DisplayNameRole,
        RoleRole,
        PresenceRole,
        LastSeenRole,
    };
    Q_ENUM(Role)

    MemberListModel(const QString& roomId, MemberStore& members, QObject* parent = nullptr);

    QString roomId() const { return m_roomId; }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void countChanged();

private:
    void onMembersChanged(const QString& roomId);
    void onPresenceChanged(const QString& userId);

    QString m_roomId;
    MemberStore& m_store;
    QList<MemberInfo> m_members;
};

} // namespace palaver::client
