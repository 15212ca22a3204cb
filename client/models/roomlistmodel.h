#pragma once
// The account's rooms for the sidebar, newest activity first.
#include <QAbstractListModel>
#include <QPointer>

namespace palaver::client {

class MemberStore;
class RoomStore;

/// CLIENT-API.md's RoomListModel.
class RoomListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        RoomIdRole = Qt::UserRole + 1,
        NameRole,
        KindRole,
        TopicRole,
        UnreadRole,
        MentionsRole,
        LastActivityRole,
        PreviewRole,
        PreviewSenderRole,
        PeerUserIdRole,
        PeerPresenceRole,
        MemberCountRole,
        RoleRole,
    };
    Q_ENUM(Role)

    explicit RoomListModel(QObject* parent = nullptr);

    /// Shows the rooms of these stores (null for none): the model outlives account switches.
    void setStores(RoomStore* rooms, MemberStore* members);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    /// The row of a room, or -1.
    Q_INVOKABLE int rowOf(const QString& roomId) const;

Q_SIGNALS:
    void countChanged();

private:
    void onRoomAdded(const QString& roomId);
    void onRoomChanged(const QString& roomId);
    void onRoomRemoved(const QString& roomId);
    void onPeerChanged(const QString& userId);
    qint64 lastActivity(const QString& roomId) const;
    /// Where a room with `activity` belongs, ignoring row `skip`.
    int sortedPosition(qint64 activity, const QString& roomId, int skip) const;
    QString peerOf(const QString& roomId) const;
    QString preview(const QString& roomId) const;

    QPointer<RoomStore> m_rooms;
    QPointer<MemberStore> m_members;
    QStringList m_order;
};

} // namespace palaver::client
