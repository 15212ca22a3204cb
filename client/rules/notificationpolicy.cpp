#include "client/rules/notificationpolicy.h"

namespace palaver::client {

bool NotificationPolicy::mentionsMe(const Event& event) const
{
    return !m_ownUserId.isEmpty() && event.mentions.contains(m_ownUserId);
}

bool NotificationPolicy::shouldNotify(const Event& event) const
{
    if (event.kind != EventKind::Message || event.sender == m_ownUserId || event.deleted)
        return false;
    // What the user is looking at needs no banner, mention or not; everything else does.
    const bool looking = m_windowActive && event.room == m_activeRoom;
    return !looking;
}

} // namespace palaver::client
