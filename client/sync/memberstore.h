#pragma once
// Who is in each room, how far each member has read, and everyone's presence. Member lists
// come whole from `members` answers; receipts and presence pushes then keep them current.
#include "shared/objects/memberinfo.h"

#include <QHash>
#include <QObject>

namespace palaver::client {

class LocalCache;

/// Members, read markers and presence of one account's rooms.
class MemberStore : public QObject
{
    Q_OBJECT
public:
    explicit MemberStore(LocalCache& cache, QObject* parent = nullptr);

    /// The room's members as last answered (cached across restarts).
    QList<MemberInfo> members(const QString& roomId) const;
    /// True once a member list of the room is known (from the server or the cache).
    bool hasMembers(const QString& roomId) const;
    void setMembers(const QString& roomId, const QList<MemberInfo>& members);
    void removeRoom(const QString& roomId);

    /// Every known read marker of the room, by user id.
    QHash<QString, qint64> markers(const QString& roomId) const;
    /// Applies a receipt; markers never move back.
    void raiseMarker(const QString& roomId, const QString& userId, qint64 seq);

    void setPresence(const QString& userId, PresenceStatus status, std::optional<qint64> lastSeen);
    PresenceStatus presence(const QString& userId) const;
    /// When an offline user was last connected, if known.
    std::optional<qint64> lastSeen(const QString& userId) const { return m_lastSeen.value(userId); }

    /// The best known display name of a user (the id itself when nobody told us yet).
    QString displayName(const QString& userId) const;
    void rememberName(const QString& userId, const QString& displayName);

Q_SIGNALS:
    void membersChanged(const QString& roomId);
    void markerRaised(const QString& roomId, const QString& userId, qint64 seq);
    void presenceChanged(const QString& userId);

private:
    QList<MemberInfo>& loaded(const QString& roomId) const;

    LocalCache& m_cache;
    // Filled lazily from the cache: most rooms are never opened in a session.
    mutable QHash<QString, QList<MemberInfo>> m_members;
    mutable QHash<QString, QHash<QString, qint64>> m_markers;
    QHash<QString, PresenceStatus> m_presence;
    QHash<QString, std::optional<qint64>> m_lastSeen;
    mutable QHash<QString, QString> m_names;
};

} // namespace palaver::client
