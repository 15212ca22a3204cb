#pragma once
#include "shared/errorcode.h"

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
    qsizetype sessionCount() const { return m_sessionCount; }
    /// Every authenticated session (shutdown, keep-alive sweeps).
    QList<Session*> all() const;
    /// Closes every device of the user with `code` (4403 disabled, 4401 token revoked); the
    /// one place that ends a user's live sessions. Returns how many were closed.
    qsizetype closeUser(qint64 userId, CloseCode code, const QString& reason) const;

private:
    QHash<qint64, QList<Session*>> m_byUser;
    qsizetype m_sessionCount = 0;
};

} // namespace palaver::server
