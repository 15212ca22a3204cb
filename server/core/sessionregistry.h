#pragma once
#include <QHash>
#include <QList>

namespace palaver::server {
class Session;

/// The authenticated sessions of each user: where a user's pushes go.
class SessionRegistry
{
public:
    void add(Session* session);
    /// Returns true when it was the user's last session.
    bool remove(Session* session);
    const QList<Session*>& sessionsOf(qint64 userId) const;
    bool isOnline(qint64 userId) const { return m_byUser.contains(userId); }
    qsizetype userCount() const { return m_byUser.size(); }
    /// Every authenticated session (shutdown, keep-alive sweeps).
    QList<Session*> all() const;

private:
    QHash<qint64, QList<Session*>> m_byUser;
};

} // namespace palaver::server
