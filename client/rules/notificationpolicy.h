#pragma once
// Which new events deserve a desktop notification.
#include "shared/objects/event.h"

#include <QString>

namespace palaver::client {

/// The notification rule of one account.
class NotificationPolicy
{
public:
    /// The room the user is looking at ("" for none).
    void setActiveRoom(const QString& roomId) { m_activeRoom = roomId; }
    QString activeRoom() const { return m_activeRoom; }
    void setWindowActive(bool active) { m_windowActive = active; }
    void setOwnUserId(const QString& userId) { m_ownUserId = userId; }

    /// True for a message from someone else that the user is not already looking at (another
    /// room, or the window is not active).
    bool shouldNotify(const Event& event) const;
    /// True when the event mentions the user.
    bool mentionsMe(const Event& event) const;

private:
    QString m_activeRoom;
    QString m_ownUserId;
    bool m_windowActive = false;
};

} // namespace palaver::client
