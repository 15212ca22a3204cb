#pragma once
#include "shared/objects/event.h"

#include <QByteArray>
#include <QList>

namespace palaver::server {

/// One committed event as every node delivers it: the few fields delivery acts on (roster,
/// badges, typing) and the `event` push itself, encoded once by whoever committed the event or
/// read it back, so no node parses a push to forward it.
struct CommittedEvent
{
    qint64 roomId = 0;
    qint64 seq = 0;
    qint64 senderId = 0;
    EventKind kind = EventKind::Message;
    qint64 userId = 0; ///< the member of member_join / member_leave
    QList<qint64> mentions; ///< of a message
    QByteArray push; ///< {"type":"event","event":{…}}

    static CommittedEvent from(const Event& event);
};

} // namespace palaver::server
