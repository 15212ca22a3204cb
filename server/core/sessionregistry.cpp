#include "server/core/sessionregistry.h"

#include "server/net/session.h"

namespace palaver::server {

void SessionRegistry::add(Session* session)
{
    m_byUser[session->userId()].append(session);
    ++m_sessionCount;
}

bool SessionRegistry::remove(Session* session)
{
    auto it = m_byUser.find(session->userId());
    if (it == m_byUser.end() || !it->removeOne(session))
        return false;
    --m_sessionCount;
    if (it->isEmpty()) {
        m_byUser.erase(it);
        return true;
    }
    return false;
}

const QList<Session*>& SessionRegistry::sessionsOf(qint64 userId) const
{
    static const QList<Session*> none;
    const auto it = m_byUser.constFind(userId);
    return it == m_byUser.cend() ? none : *it;
}

QList<Session*> SessionRegistry::all() const
{
    QList<Session*> sessions;
    for (const auto& list : m_byUser)
        sessions += list;
    return sessions;
}

qsizetype SessionRegistry::closeUser(qint64 userId, CloseCode code, const QString& reason) const
{
    // A copy: closing may report a disconnect that removes the session from the list.
    const QList<Session*> sessions = sessionsOf(userId);
    for (Session* s : sessions)
        s->close(code, reason);
    return sessions.size();
}

} // namespace palaver::server
